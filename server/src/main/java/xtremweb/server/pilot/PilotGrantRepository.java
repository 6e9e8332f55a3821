package xtremweb.server.pilot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import xtremweb.server.db.Jdbc;

/** The pilot_grants table. */
final class PilotGrantRepository {
    private static final String COLUMNS = "token_hash, owner_uid, cluster, pilots, registered, register_before, lifetime_seconds, created";

    void insert(Connection c, PilotGrantRow g) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pilot_grants (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, g.tokenHash());
            ps.setString(2, g.ownerUid());
            ps.setString(3, g.cluster());
            ps.setInt(4, g.pilots());
            ps.setInt(5, g.registered());
            Jdbc.setInstant(ps, 6, g.registerBefore());
            ps.setLong(7, g.lifetimeSeconds());
            Jdbc.setInstant(ps, 8, g.created());
            ps.executeUpdate();
        }
    }

    Optional<PilotGrantRow> byHash(Connection c, String tokenHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM pilot_grants WHERE token_hash = ?")) {
            ps.setString(1, tokenHash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new PilotGrantRow(rs.getString("token_hash"), rs.getString("owner_uid"), rs.getString("cluster"),
                        rs.getInt("pilots"), rs.getInt("registered"), Jdbc.getInstant(rs, "register_before"),
                        rs.getLong("lifetime_seconds"), Jdbc.getInstant(rs, "created")));
            }
        }
    }

    /**
     * Takes one of the grant's registrations if any is left and it is still valid at {@code now}.
     * One conditional update, so pilots registering at once on several servers never exceed it:
     * 1 = taken, 0 = used up or expired.
     */
    boolean takeRegistration(Connection c, String tokenHash, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE pilot_grants SET registered = registered + 1"
                + " WHERE token_hash = ? AND registered < pilots AND register_before > ?")) {
            ps.setString(1, tokenHash);
            Jdbc.setInstant(ps, 2, now);
            int updated = ps.executeUpdate();
            if (updated > 1) {
                throw new IllegalStateException(updated + " pilot grants share one token hash");
            }
            return updated == 1;
        }
    }

    /** Forgets grants nobody can use any more (expired before {@code before}); returns how many. */
    int deleteExpired(Connection c, Instant before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM pilot_grants WHERE register_before < ?")) {
            Jdbc.setInstant(ps, 1, before);
            return ps.executeUpdate();
        }
    }
}
