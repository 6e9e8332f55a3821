package xtremweb.server.db;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a failure to reach the database (stopped, restarting, cut off, or no pooled connection
 * freed in time) from a bug: it is the server's outage, to be answered "try again shortly"
 * (503 with Retry-After) and waited out, never a 500 asking the caller to report an error id.
 */
public final class DatabaseOutage {
    private DatabaseOutage() {
    }

    /** Whether {@code failure}, or one of its causes, says no connection to the database could be had. */
    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (connectionFailure(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code failure} says the database itself could not be reached, rather than every pooled
     * connection being busy (a surge, not an outage): the pool's timeout carries the failure of its
     * last attempt to connect as its cause when the database is down, and none when its connections
     * were merely all in use. {@link Jdbc}'s own quick refusals, while another caller waits to learn
     * whether the database is back, carry none either: they are not counted again.
     */
    public static boolean unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException && t.getCause() == null) {
                return false;
            }
            if (connectionFailure(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean connectionFailure(Throwable t) {
        if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                || t instanceof SQLRecoverableException) {
            return true;
        }
        // SQL class 08: connection exception (Connector/J's 08S01 "communications link failure", 08001, 08003...).
        return t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08");
    }
}
