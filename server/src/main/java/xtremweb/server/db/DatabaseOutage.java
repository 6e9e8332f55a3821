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

    /** Whether {@code failure}, or one of its causes, says the database could not be reached. */
    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            // SQL class 08: connection exception (Connector/J's 08S01 "communications link failure", 08001, 08003...).
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }
}
