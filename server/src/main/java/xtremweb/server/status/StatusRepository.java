package xtremweb.server.status;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import xtremweb.common.model.WorkStatus;
import xtremweb.server.db.Jdbc;

/** The status page's own reads: one owner's works and sessions, and the latest works in ERROR. */
final class StatusRepository {
    static final int SESSIONS = 10;
    static final int ERRORS = 20;

    /** One session's works by status. */
    record SessionProgress(String uid, String name, Instant created, Map<WorkStatus, Long> works) {
    }

    /** A work that ended in ERROR, as an administrator reads it. */
    record Failure(Instant at, String workUid, String label, String app, String owner, String message) {
    }

    Map<WorkStatus, Long> worksOf(Connection c, String ownerUid) throws SQLException {
        Map<WorkStatus, Long> out = new EnumMap<>(WorkStatus.class);
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT status, COUNT(*) AS n FROM works WHERE owner_uid = ? AND deleted = FALSE GROUP BY status")) {
            ps.setString(1, ownerUid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(WorkStatus.valueOf(rs.getString("status")), rs.getLong("n"));
                }
            }
        }
        return out;
    }

    /** The owner's most recent sessions that hold works, newest first. */
    List<SessionProgress> sessionsOf(Connection c, String ownerUid) throws SQLException {
        Map<String, SessionProgress> bySession = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT s.uid, s.name, s.created, w.status, COUNT(*) AS n"
                + " FROM works w JOIN sessions s ON s.uid = w.session_uid"
                + " WHERE w.owner_uid = ? AND w.deleted = FALSE AND s.deleted = FALSE"
                + " GROUP BY s.uid, s.name, s.created, w.status ORDER BY s.created DESC, s.uid")) {
            ps.setString(1, ownerUid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String uid = rs.getString("uid");
                    if (!bySession.containsKey(uid) && bySession.size() >= SESSIONS) {
                        continue;
                    }
                    SessionProgress p = bySession.get(uid);
                    if (p == null) {
                        p = new SessionProgress(uid, rs.getString("name"), Jdbc.getInstant(rs, "created"), new EnumMap<>(WorkStatus.class));
                        bySession.put(uid, p);
                    }
                    p.works().put(WorkStatus.valueOf(rs.getString("status")), rs.getLong("n"));
                }
            }
        }
        return new ArrayList<>(bySession.values());
    }

    List<Failure> latestErrors(Connection c) throws SQLException {
        List<Failure> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT w.uid, w.label, a.name AS app, u.login, w.error_message, w.completed"
                + " FROM works w LEFT JOIN apps a ON a.uid = w.app_uid LEFT JOIN users u ON u.uid = w.owner_uid"
                + " WHERE w.status = 'ERROR' AND w.deleted = FALSE ORDER BY w.completed DESC, w.uid LIMIT " + ERRORS)) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Failure(Jdbc.getInstant(rs, "completed"), rs.getString("uid"), rs.getString("label"),
                            rs.getString("app"), rs.getString("login"), rs.getString("error_message")));
                }
            }
        }
        return out;
    }
}
