package xtremweb.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * With the database down, one transaction at a time waits for a connection (the pool's whole wait,
 * 3 s) to learn whether it is back; the others fail at once, and a 503 goes out at once instead of
 * after that wait. Told apart from a pool merely busy, which is not an outage.
 */
class DatabaseOutageTest {
    /** The pool as seen by Jdbc: it connects, fails as Hikari does with the database down, or holds its caller. */
    private static final class Pool implements DataSource {
        enum Mode { UP, DOWN, FIRST_WAITS }

        final AtomicReference<Mode> mode = new AtomicReference<>(Mode.UP);
        final AtomicInteger asked = new AtomicInteger();
        final CountDownLatch back = new CountDownLatch(1);
        private final JdbcDataSource h2 = new JdbcDataSource();

        Pool() {
            h2.setURL("jdbc:h2:mem:outage" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        }

        @Override
        public Connection getConnection() throws SQLException {
            int n = asked.incrementAndGet();
            switch (mode.get()) {
                case DOWN -> throw new SQLTransientConnectionException("xw-db - Connection is not available, request timed out"
                        + " after 30000ms.", "08S01", new SQLException("Communications link failure", "08S01"));
                case FIRST_WAITS -> {
                    if (n == waiter) {
                        try {
                            back.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new SQLException(e);
                        }
                    }
                }
                default -> { }
            }
            return h2.getConnection();
        }

        volatile int waiter;

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }

    @Test
    void whileOneCallerWaitsToSeeWhetherTheDatabaseIsBackTheOthersFailAtOnceAsAnOutage() throws Exception {
        Pool pool = new Pool();
        Jdbc jdbc = new Jdbc(pool);
        assertThat((int) jdbc.tx("before", c -> 1)).isEqualTo(1);
        pool.mode.set(Pool.Mode.DOWN);
        assertThatThrownBy(() -> jdbc.tx("while down", c -> 1)).satisfies(e -> assertThat(DatabaseOutage.is(e)).isTrue());
        assertThat(jdbc.outagesSeen()).isEqualTo(1);

        pool.waiter = pool.asked.get() + 1;
        pool.mode.set(Pool.Mode.FIRST_WAITS);
        ExecutorService lookout = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> first = lookout.submit(() -> jdbc.tx("the lookout", c -> 2));
            Awaitility.await("the lookout waiting for a connection").until(() -> pool.asked.get() == pool.waiter);
            // Not asking the pool: answered as an outage at once, and not counted as another one.
            assertThatThrownBy(() -> jdbc.tx("meanwhile", c -> 3)).satisfies(e -> assertThat(DatabaseOutage.is(e)).isTrue());
            assertThat(pool.asked.get()).isEqualTo(pool.waiter);
            assertThat(jdbc.outagesSeen()).isEqualTo(1);
            pool.back.countDown();
            assertThat(first.get()).isEqualTo(2);
        } finally {
            pool.back.countDown();
            lookout.shutdown();
        }
        assertThat((int) jdbc.tx("after", c -> 4)).as("the database is back: everybody is served").isEqualTo(4);
    }

    @Test
    void aPoolWhoseConnectionsAreAllBusyIsNotADatabaseThatCannotBeReached() {
        SQLException busy = new SQLTransientConnectionException("xw-db - Connection is not available, request timed out after 30000ms.");
        assertThat(DatabaseOutage.is(busy)).as("still a 503: come back later").isTrue();
        assertThat(DatabaseOutage.unreachable(new DbException("read", busy))).isFalse();
        assertThat(DatabaseOutage.unreachable(new DbException("read", new SQLTransientConnectionException("timed out", "08S01",
                new SQLException("Communications link failure", "08S01"))))).isTrue();
        assertThat(DatabaseOutage.unreachable(new DbException("read", new SQLException("Unknown column", "42S22")))).isFalse();
    }
}
