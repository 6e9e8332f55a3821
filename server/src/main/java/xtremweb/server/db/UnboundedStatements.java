package xtremweb.server.db;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool's connections with no socket timeout (XWdbSocketTimeout), for the schema migrations at
 * start: a migration may rightly run for minutes on a big table. Hikari marks a connection whose
 * network timeout was changed and sets it back when the connection is returned, so the requests
 * that use it afterwards are bounded again.
 */
final class UnboundedStatements implements DataSource {
    private final DataSource pool;

    UnboundedStatements(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return unbounded(pool.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return unbounded(pool.getConnection(user, password));
    }

    private static Connection unbounded(Connection c) throws SQLException {
        try {
            // 0 is "none"; H2's connections have none already (their getNetworkTimeout answers 0).
            if (c.getNetworkTimeout() != 0) {
                // Run at once, on this thread: the migration must not start before the timeout is lifted.
                c.setNetworkTimeout(Runnable::run, 0);
            }
        } catch (SQLFeatureNotSupportedException noNetwork) {
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : pool.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || pool.isWrapperFor(iface);
    }
}
