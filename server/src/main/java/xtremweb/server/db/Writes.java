package xtremweb.server.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The row changes of a transaction, made at once on a connection ({@link #on}) or queued for a
 * {@link GroupCommit} that sends the same statement of many callers as one JDBC batch and commits
 * them together.
 *
 * <p>Work written against this interface states what each change must do ({@link #one}: exactly
 * one row) instead of reading the count itself, so that a group can check every caller's
 * expectation after the batch and roll back the whole group when one is not met; each caller then
 * runs its work alone, as if there had been no group.
 */
public interface Writes {
    /** Sets a prepared statement's parameters. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /**
     * An UPDATE or INSERT that must change exactly one row: true if it did. Queued, it answers true
     * and the group checks it after its batch.
     */
    boolean one(String sql, Binder binder) throws SQLException;

    /** An UPDATE that may change no row or one (say, a counter reset only when it is not 0 yet). */
    void any(String sql, Binder binder) throws SQLException;

    /**
     * The connection, for a read or a lock whose answer the work needs at once. A queued unit has
     * none: asking for it makes the unit run alone, on its own connection.
     */
    Connection connection() throws SQLException;

    /** Writes made at once on {@code c}, inside the caller's transaction. */
    static Writes on(Connection c) {
        return new Writes() {
            @Override
            public boolean one(String sql, Binder binder) throws SQLException {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    binder.bind(ps);
                    int changed = ps.executeUpdate();
                    if (changed > 1) {
                        throw new IllegalStateException("a statement meant for one row changed " + changed + ": " + sql);
                    }
                    return changed == 1;
                }
            }

            @Override
            public void any(String sql, Binder binder) throws SQLException {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    binder.bind(ps);
                    ps.executeUpdate();
                }
            }

            @Override
            public Connection connection() {
                return c;
            }
        };
    }
}
