package xtremweb.server.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Runs units of work on a connection from the pool: each in a transaction that is rolled back
 * unless it completes, with the {@link SQLException} wrapped once here.
 */
public final class Jdbc {
    private final DataSource dataSource;

    public Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    // Transactions that failed because the database could not be reached (see DatabaseOutage).
    private final java.util.concurrent.atomic.AtomicLong outages = new java.util.concurrent.atomic.AtomicLong();

    /**
     * How many transactions so far failed because the database could not be reached; a caller that
     * must make up for an outage (the reaper renews the leases hosts could not) compares it with the
     * count it last saw.
     */
    public long outagesSeen() {
        return outages.get();
    }

    // Transactions of callers arriving together, committed as one (txGrouped).
    private final GroupCommit group = new GroupCommit(this);

    /** The group commit of {@link #txGrouped}, for its counts. */
    public GroupCommit groupCommit() {
        return group;
    }

    /**
     * Work of a transaction written through {@link Writes}: run on its own connection, or queued
     * with other callers' in a group commit.
     */
    @FunctionalInterface
    public interface Writing<T> {
        T run(Writes writes) throws SQLException;
    }

    /**
     * Runs {@code work} in a transaction shared with the callers that arrive at the same moment (one
     * batch per statement and one durable commit for all: {@link GroupCommit}), or once alone, as
     * {@link #txOnce} does, when it cannot be grouped: it reads while it writes, or its group was
     * rolled back (a row changed meanwhile, a deadlock, an outage). Its answer is the one it gave
     * with its writes queued, each write taken as done; the group commits only if every write did
     * what the work expected, and runs the work's {@link #afterCommit} actions then.
     */
    public <T> T txGrouped(String what, Writing<T> work) {
        GroupCommit.Unit unit = new GroupCommit.Unit();
        java.util.List<Runnable> outer = AFTER_COMMIT.get();
        AFTER_COMMIT.set(unit.afterCommit);
        T answer;
        boolean recorded = false;
        try {
            answer = work.run(unit);
            recorded = true;
        } catch (GroupCommit.NotGroupable e) {
            answer = null;
        } catch (SQLException e) {
            // Queued writes execute nothing: only the work's own code could throw this.
            throw new DbException(what, e);
        } finally {
            AFTER_COMMIT.set(outer);
        }
        if (recorded && group.commit(what, unit)) {
            unit.afterCommit.forEach(Runnable::run);
            return answer;
        }
        return txOnce(what, c -> work.run(Writes.on(c)));
    }

    /** Work done on one connection inside one transaction. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    // What to do once the transaction running on this thread commits (nothing if it rolls back).
    private static final ThreadLocal<java.util.List<Runnable>> AFTER_COMMIT = new ThreadLocal<>();

    /** How many times a transaction chosen as a deadlock's victim is run in all. */
    static final int DEADLOCK_ATTEMPTS = 4;

    /**
     * Runs {@code work} in one transaction, and runs it again when the database broke a deadlock
     * by rolling it back (SQLState 40001, MariaDB's 1213) or gave up waiting for a lock (1205), up
     * to {@link #DEADLOCK_ATTEMPTS} times in all. Servers sharing one database, or one under heavy
     * load, meet such cycles now and then (seen: a result report, a claim and a liveness batch each
     * holding the row the next one wanted); the victim is rolled back whole, so running it again is
     * what the database asks, not an error for the operator.
     *
     * <p>So {@code work} must keep every effect in the transaction: what must happen in memory (a
     * cache, a counter, the ready queue, a log line saying it happened) goes to {@link #afterCommit},
     * whose actions of a rolled-back attempt never run. Work that cannot (it consumes a stream, or
     * its caller has its own answer to a lost lock) runs with {@link #txOnce}.
     */
    public <T> T tx(String what, SqlWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return txOnce(what, work);
            } catch (DbException e) {
                if (attempt >= DEADLOCK_ATTEMPTS || !lostToAnotherTransaction(e)) {
                    throw e;
                }
                try {
                    // A few milliseconds, different for each, so the two do not meet again at once.
                    Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 5L * attempt + 1));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * As {@link #tx}, but run once whatever the database answers: only for work that may not run
     * twice (it has effects outside the transaction that happen before it can fail) or whose caller
     * handles a lost lock itself. Each call says why it is one.
     */
    public <T> T txOnce(String what, SqlWork<T> work) {
        java.util.List<Runnable> outer = AFTER_COMMIT.get();
        java.util.List<Runnable> hooks = new java.util.ArrayList<>(0);
        AFTER_COMMIT.set(hooks);
        T result;
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                result = work.run(c);
                c.commit();
            } catch (Throwable failure) {
                rollBack(c, failure);
                throw failure;
            }
        } catch (SQLException e) {
            if (DatabaseOutage.unreachable(e)) {
                unreachable = true;
                outages.incrementAndGet();
            }
            throw new DbException(what, e);
        } finally {
            AFTER_COMMIT.set(outer);
        }
        hooks.forEach(Runnable::run);
        return result;
    }

    /**
     * Rolls back after {@code failure}, which stays the failure told: when the connection is lost
     * (the database killed mid-transaction), the pool has closed it and the rollback fails too, with
     * a "connection is closed" that says nothing of an outage. Thrown instead of the lost connection,
     * it turned an outage's 503 into a 500 asking the caller to report an error id.
     */
    private static void rollBack(Connection c, Throwable failure) {
        try {
            c.rollback();
        } catch (SQLException | RuntimeException rollback) {
            failure.addSuppressed(rollback);
        }
    }

    // Set when a transaction could not reach the database, cleared by the next connection made.
    private volatile boolean unreachable;
    // While it is set, one transaction at a time waits for a connection (the pool's whole wait).
    private final java.util.concurrent.Semaphore lookout = new java.util.concurrent.Semaphore(1);

    /**
     * A connection from the pool; while the database is unreachable, one caller at a time waits to
     * learn whether it is back and the others fail at once. Without this, with the database down,
     * every request waited the pool's whole wait ({@link Database#CONNECTION_TIMEOUT}) before its
     * 503, holding its place of the admission limit and its thread meanwhile, and a worker's heartbeat or result upload timed out
     * rather than being told to come back.
     */
    private Connection connection() throws SQLException {
        if (!unreachable) {
            return dataSource.getConnection();
        }
        if (!lookout.tryAcquire()) {
            throw new java.sql.SQLTransientConnectionException("the database could not be reached a moment ago, and another"
                    + " request is waiting to see whether it is back", "08000");
        }
        try {
            Connection c = dataSource.getConnection();
            unreachable = false;
            return c;
        } finally {
            lookout.release();
        }
    }

    /** Whether the database rolled the transaction back to break a deadlock, or after a lock wait timeout. */
    static boolean lostToAnotherTransaction(DbException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("40001".equals(sql.getSQLState()) || sql.getErrorCode() == 1213
                    || sql.getErrorCode() == 1205)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code action} once the transaction running on this thread has committed, so that what
     * it tells others (a waiting client, say) can already be read; at once when none runs.
     */
    public static void afterCommit(Runnable action) {
        java.util.List<Runnable> hooks = AFTER_COMMIT.get();
        if (hooks == null) {
            action.run();
        } else {
            hooks.add(action);
        }
    }

    // Microseconds written out: MariaDB announces itself as "5.5.5-10.x" and MySQL Connector/J, taking
    // it for a server without fractional seconds, truncates a LocalDateTime parameter to the second.
    // That broke FIFO order (works submitted in one second sorted by UID) and shortened leases.
    private static final java.time.format.DateTimeFormatter MICROS =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    /** Stores an instant as a UTC DATETIME(6), to the microsecond, on H2 and on MariaDB/MySQL alike. */
    /** Reads one row of a result into a value. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * The rows a query finds for many UIDs, in statements of at most {@code perStatement} UIDs each
     * bound as a parameter: {@code sql} makes the statement's text from the {@code ?, ?, ...} list to
     * put inside {@code IN (...)} (constant text only: the UIDs never enter it).
     */
    public static <T> java.util.List<T> readByUids(Connection c, java.util.List<String> uids, int perStatement,
                                                   java.util.function.Function<String, String> sql, RowReader<T> reader)
            throws SQLException {
        java.util.List<T> rows = new java.util.ArrayList<>(uids.size());
        for (int from = 0; from < uids.size(); from += perStatement) {
            java.util.List<String> chunk = uids.subList(from, Math.min(uids.size(), from + perStatement));
            try (PreparedStatement ps = c.prepareStatement(sql.apply(String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"))))) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(reader.read(rs));
                    }
                }
            }
        }
        return rows;
    }

    public static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        if (instant == null) {
            ps.setNull(index, java.sql.Types.TIMESTAMP);
        } else {
            ps.setString(index, LocalDateTime.ofInstant(instant, ZoneOffset.UTC).format(MICROS));
        }
    }

    public static Instant getInstant(ResultSet rs, String column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    public static Integer getInteger(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    public static Long getLongOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    public static void setNullableInt(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, java.sql.Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    public static void setNullableLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, java.sql.Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }
}
