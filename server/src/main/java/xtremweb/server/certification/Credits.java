package xtremweb.server.certification;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import xtremweb.server.db.Jdbc;

/**
 * Credit: what volunteers get for lending machines. Each result in a certified quorum grants its
 * host and the host's owner the CPU seconds of the work, taken as the lowest time the agreeing
 * copies' tasks ran (measured by the server between the claim and the report), so nobody gains by
 * taking longer. Only certified results earn credit: a result nobody compared proves nothing.
 */
public final class Credits {
    /** The lowest running time of the copies' last finished tasks, in seconds. */
    static double lowestSeconds(Connection c, List<String> copyUids) throws SQLException {
        List<Double> seconds = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT started, ended FROM tasks WHERE work_uid = ? AND status = 'DONE'"
                + " ORDER BY ended DESC")) {
            for (String copy : copyUids) {
                ps.setString(1, copy);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        Instant started = Jdbc.getInstant(rs, "started");
                        Instant ended = Jdbc.getInstant(rs, "ended");
                        seconds.add(Duration.between(started, ended).toNanos() / 1e9);
                    }
                }
            }
        }
        return seconds.isEmpty() ? 0 : Math.max(0, Collections.min(seconds));
    }

    /** Grants {@code seconds} to the host and to its owner. */
    static void grant(Connection c, String hostUid, double seconds) throws SQLException {
        try (PreparedStatement host = c.prepareStatement("UPDATE hosts SET credit = credit + ? WHERE uid = ?");
             PreparedStatement owner = c.prepareStatement(
                     "UPDATE users SET credit = credit + ? WHERE uid = (SELECT owner_uid FROM hosts WHERE uid = ?)")) {
            host.setDouble(1, seconds);
            host.setString(2, hostUid);
            host.executeUpdate();
            owner.setDouble(1, seconds);
            owner.setString(2, hostUid);
            owner.executeUpdate();
        }
    }

    /** Every host's credit, by host UID, for xwworkers. */
    public static Map<String, Double> ofHosts(Connection c) throws SQLException {
        return read(c, "SELECT uid, credit FROM hosts");
    }

    /** Every user's credit, by user UID, for xwusers. */
    public static Map<String, Double> ofUsers(Connection c) throws SQLException {
        return read(c, "SELECT uid, credit FROM users");
    }

    private static Map<String, Double> read(Connection c, String sql) throws SQLException {
        Map<String, Double> credits = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                credits.put(rs.getString(1), rs.getDouble(2));
            }
        }
        return credits;
    }

    private Credits() {
    }
}
