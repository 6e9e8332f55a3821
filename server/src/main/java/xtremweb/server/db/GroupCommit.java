package xtremweb.server.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Commits the transactions of callers that arrive together as one: each caller's writes are
 * recorded first ({@link Writes} queued), then one of them, the leader, sends the same statement of
 * every caller as one JDBC batch and commits once for all, while the others wait for its answer.
 *
 * <p>Why: a busy grid's commonest transaction (a result recorded and the host's next work claimed,
 * six statements) costs the database mostly per statement and per round trip, not per row; sent
 * as six batches for a group of hosts it costs MariaDB about half the CPU per job and the JDBC
 * driver as much less (measured, issue 15). A caller that finds no group being committed leads at
 * once, so an idle grid waits for nobody; under load the group grows by itself with the callers
 * that arrived while the previous one committed.
 *
 * <p>All or nothing: when one caller's expectation is not met (a row another transaction changed
 * meanwhile), or the database refuses the group (a deadlock, an outage), the whole group is rolled
 * back and every caller runs its work alone, as it would have without the group, and meets its own
 * answer there. A unit that needs to read while it writes ({@link Writes#connection()}) is never
 * grouped.
 */
public final class GroupCommit {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GroupCommit.class);
    /** The most callers one group commits: bounds the batch and the rows one transaction locks. */
    static final int MAX_UNITS = 64;

    private final Jdbc jdbc;
    private final ReentrantLock lock = new ReentrantLock();
    // Units recorded and not decided yet, oldest first; the leader takes them from the head.
    private final ArrayDeque<Unit> waiting = new ArrayDeque<>();
    // Whether a leader is committing a group (false only when nothing waits).
    private boolean leading;
    private final AtomicLong groups = new AtomicLong();
    private final AtomicLong grouped = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    GroupCommit(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** One statement of a unit, with what it must change. */
    private record Queued(String sql, Writes.Binder binder, boolean exactlyOne) {
    }

    /** One caller's statements in order, and what it runs once they are committed. */
    static final class Unit implements Writes {
        private final List<Queued> statements = new ArrayList<>(8);
        final List<Runnable> afterCommit = new ArrayList<>(2);
        private Condition turn;
        private boolean decided;
        private boolean committed;
        private boolean leads;

        @Override
        public boolean one(String sql, Binder binder) {
            statements.add(new Queued(sql, binder, true));
            return true;
        }

        @Override
        public void any(String sql, Binder binder) {
            statements.add(new Queued(sql, binder, false));
        }

        @Override
        public Connection connection() {
            throw NotGroupable.INSTANCE;
        }

        /** The statements' texts: units of the same shape are batched together. */
        List<String> shape() {
            List<String> shape = new ArrayList<>(statements.size());
            for (Queued q : statements) {
                shape.add(q.sql());
            }
            return shape;
        }
    }

    /** Thrown while recording a unit that needs the connection: it runs alone. */
    static final class NotGroupable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final NotGroupable INSTANCE = new NotGroupable();

        private NotGroupable() {
            super("needs its connection", null, false, false);
        }
    }

    /** A caller's expectation not met by the group's batch: the group rolls back. */
    private static final class Unmet extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unmet(String m) {
            super(m, null, false, false);
        }
    }

    /** Groups committed so far. */
    public long groups() {
        return groups.get();
    }

    /** Callers whose work was committed in a group so far (divided by {@link #groups()}: the mean group). */
    public long grouped() {
        return grouped.get();
    }

    /** Groups rolled back (an expectation not met, a deadlock, an outage) whose callers ran alone. */
    public long refused() {
        return refused.get();
    }

    /**
     * Waits for {@code unit} to be committed in a group, leading one if none is being committed.
     * True once committed; false when its group was rolled back: the caller then runs its work alone.
     */
    boolean commit(String what, Unit unit) {
        List<Unit> group;
        lock.lock();
        try {
            unit.turn = lock.newCondition();
            waiting.add(unit);
            while (leading && !unit.decided && !unit.leads) {
                unit.turn.awaitUninterruptibly();
            }
            if (unit.decided) {
                return unit.committed;
            }
            // Leading: nothing was being committed (then this unit is the only one waiting), or the
            // last leader handed over to the oldest unit waiting, this one. Either way it heads the queue.
            leading = true;
            int size = Math.min(waiting.size(), MAX_UNITS);
            group = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                group.add(waiting.poll());
            }
        } finally {
            lock.unlock();
        }
        boolean committed = false;
        try {
            committed = execute(what, group);
        } finally {
            lock.lock();
            try {
                for (Unit u : group) {
                    u.decided = true;
                    u.committed = committed;
                    u.turn.signal();
                }
                Unit next = waiting.peek();
                if (next == null) {
                    leading = false;
                } else {
                    next.leads = true;
                    next.turn.signal();
                }
            } finally {
                lock.unlock();
            }
        }
        return committed;
    }

    /** The group in one transaction: each shape's statements as batches, every expectation checked. */
    private boolean execute(String what, List<Unit> group) {
        Map<List<String>, List<Unit>> shapes = new LinkedHashMap<>();
        for (Unit u : group) {
            shapes.computeIfAbsent(u.shape(), s -> new ArrayList<>()).add(u);
        }
        try {
            jdbc.txOnce(what + " (" + group.size() + " together)", c -> {
                for (Map.Entry<List<String>, List<Unit>> shape : shapes.entrySet()) {
                    batch(c, shape.getKey(), shape.getValue());
                }
                return null;
            });
        } catch (RuntimeException e) {
            // Unmet, DbException, or any failure of one caller's statements: each caller runs alone
            // and meets its own answer there, the leader too.
            // Debug only: under contention this is ordinary, and its callers still get their answers.
            LOG.debug("group of {} rolled back, its callers run alone: {}", group.size(), e.getMessage());
            refused.incrementAndGet();
            return false;
        }
        groups.incrementAndGet();
        grouped.addAndGet(group.size());
        return true;
    }

    private static void batch(Connection c, List<String> shape, List<Unit> units) throws SQLException {
        for (int i = 0; i < shape.size(); i++) {
            String sql = shape.get(i);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (Unit u : units) {
                    u.statements.get(i).binder().bind(ps);
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                if (counts.length != units.size()) {
                    throw new Unmet(counts.length + " counts for " + units.size() + " statements: " + sql);
                }
                for (int k = 0; k < counts.length; k++) {
                    if (units.get(k).statements.get(i).exactlyOne() && !one(sql, counts[k])) {
                        throw new Unmet(counts[k] + " rows changed where one was expected by: " + sql);
                    }
                }
            }
        }
    }

    /**
     * Whether a count says one row changed. A batch of INSERTs sent as one multi-row statement
     * (Connector/J's rewriteBatchedStatements) reports each row as SUCCESS_NO_INFO: an INSERT that
     * did not fail did insert its row.
     */
    private static boolean one(String sql, int count) {
        return count == 1 || (count == Statement.SUCCESS_NO_INFO && sql.regionMatches(true, 0, "INSERT", 0, 6));
    }
}
