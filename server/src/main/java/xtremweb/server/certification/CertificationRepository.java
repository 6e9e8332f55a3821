package xtremweb.server.certification;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import xtremweb.common.model.WorkStatus;
import xtremweb.server.db.Jdbc;

/** The certification columns of the works table: policies, copies and their verdicts. */
final class CertificationRepository {
    /** A replicated work as validation sees it, its row locked. */
    record Certified(String uid, WorkStatus status, long version, boolean deleted, ReplicationPolicy policy) {
    }

    /** One copy of a replicated work. */
    record Copy(String uid, WorkStatus status, String resultDataUid, Integer exitCode, String hostUid, Verdict verdict,
                boolean deleted) {
        boolean outstanding() {
            return !deleted && !status.isFinal();
        }

        boolean hasResult() {
            return status == WorkStatus.COMPLETED && resultDataUid != null;
        }

        boolean underRecheck() {
            return verdict == Verdict.RECHECK;
        }
    }

    void setPolicy(Connection c, List<String> workUids, ReplicationPolicy p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE works SET quorum = ?, initial_copies = ?, max_results = ?,"
                + " max_errors = ?, comparator = ?, adaptive = ? WHERE uid = ?")) {
            for (String uid : workUids) {
                ps.setInt(1, p.quorum());
                ps.setInt(2, p.initialCopies());
                ps.setInt(3, p.maxResults());
                ps.setInt(4, p.maxErrors());
                ps.setString(5, p.comparator());
                ps.setBoolean(6, p.adaptive());
                ps.setString(7, uid);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The replicated work, locked until the transaction ends: its copies' results are validated one at a time. */
    Optional<Certified> lock(Connection c, String uid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT uid, status, version, deleted, quorum, initial_copies,"
                + " max_results, max_errors, comparator, adaptive FROM works WHERE uid = ? FOR UPDATE")) {
            ps.setString(1, uid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Certified(uid, WorkStatus.valueOf(rs.getString("status")), rs.getLong("version"),
                        rs.getBoolean("deleted"), new ReplicationPolicy(rs.getInt("quorum"), rs.getInt("initial_copies"),
                        rs.getInt("max_results"), rs.getInt("max_errors"), rs.getString("comparator"),
                        rs.getBoolean("adaptive"))));
            }
        }
    }

    /** The name of the work's app if that app was deleted: no more copies of it may be issued. */
    Optional<String> deletedApp(Connection c, String workUid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT a.name FROM works w JOIN apps a ON a.uid = w.app_uid"
                + " WHERE w.uid = ? AND a.deleted = TRUE")) {
            ps.setString(1, workUid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** The copies of a work, oldest first. */
    List<Copy> copies(Connection c, String workUid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT uid, status, result_data_uid, exit_code, host_uid, verdict,"
                + " deleted FROM works WHERE certifies = ? ORDER BY submitted, uid")) {
            ps.setString(1, workUid);
            try (ResultSet rs = ps.executeQuery()) {
                List<Copy> copies = new ArrayList<>();
                while (rs.next()) {
                    copies.add(new Copy(rs.getString("uid"), WorkStatus.valueOf(rs.getString("status")),
                            rs.getString("result_data_uid"), Jdbc.getInteger(rs, "exit_code"), rs.getString("host_uid"),
                            Verdict.valueOf(rs.getString("verdict")), rs.getBoolean("deleted")));
                }
                return copies;
            }
        }
    }

    void setVerdict(Connection c, String copyUid, Verdict verdict) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE works SET verdict = ? WHERE uid = ?")) {
            ps.setString(1, verdict.name());
            ps.setString(2, copyUid);
            ps.executeUpdate();
        }
    }

    /** The work COMPLETED with the canonical copy's result, if still RUNNING at that version. */
    boolean complete(Connection c, Certified work, Agreement.Result canonical, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE works SET status = 'COMPLETED', version = version + 1,"
                + " result_data_uid = ?, host_uid = ?, exit_code = ?, error_message = NULL, completed = ? WHERE uid = ? AND status IN ('RUNNING', 'PENDING')"
                + " AND version = ?")) {
            ps.setString(1, canonical.dataUid());
            ps.setString(2, canonical.hostUid());
            Jdbc.setNullableInt(ps, 3, canonical.exitCode());
            Jdbc.setInstant(ps, 4, now);
            ps.setString(5, work.uid());
            ps.setLong(6, work.version());
            return ps.executeUpdate() == 1;
        }
    }

    /** The work in ERROR with the reason, if still RUNNING at that version. */
    boolean fail(Connection c, Certified work, String reason, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE works SET status = 'ERROR', version = version + 1,"
                + " error_message = ?, completed = ? WHERE uid = ? AND status IN ('RUNNING', 'PENDING') AND version = ?")) {
            ps.setString(1, reason);
            Jdbc.setInstant(ps, 2, now);
            ps.setString(3, work.uid());
            ps.setLong(4, work.version());
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * The copies of an ended work not yet ended themselves go: marked deleted (a running one is
     * cancelled at its host's next heartbeat, a queued one is no longer claimed) and UNCHECKED.
     */
    void withdrawOutstanding(Connection c, String workUid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE works SET deleted = TRUE, verdict = 'UNCHECKED',"
                + " version = version + 1 WHERE certifies = ? AND verdict = 'PENDING'")) {
            ps.setString(1, workUid);
            ps.executeUpdate();
        }
    }

    /** One more copy of the work: the same job, queued at the work's place in its owner's line. */
    void insertCopy(Connection c, String workUid, String copyUid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO works (uid, app_uid, owner_uid, label, args, status,"
                + " stdin_data_uid, env_data_uid, access_rights, retries, version, deleted, submitted, min_memory, min_disk,"
                + " min_cpu_speed, expected_host_uid, session_uid, group_uid, certifies, verdict)"
                + " SELECT ?, app_uid, owner_uid, label, args, 'PENDING', stdin_data_uid, env_data_uid, access_rights, 0, 0,"
                + " FALSE, submitted, min_memory, min_disk, min_cpu_speed, expected_host_uid, session_uid, group_uid, uid,"
                + " 'PENDING' FROM works WHERE uid = ?")) {
            ps.setString(1, copyUid);
            ps.setString(2, workUid);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("work " + workUid + " vanished while a copy of it was made");
            }
        }
    }

    /**
     * A completed work whose result stood on a host's trust alone goes back to PENDING: that host
     * was caught with a false result and the re-check disagreed. Its copies compute it again.
     */
    boolean reopen(Connection c, Certified work, String why) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE works SET status = 'PENDING', version = version + 1,"
                + " result_data_uid = NULL, exit_code = NULL, completed = NULL, error_message = ? WHERE uid = ?"
                + " AND status = 'COMPLETED' AND version = ?")) {
            ps.setString(1, why);
            ps.setString(2, work.uid());
            ps.setLong(3, work.version());
            return ps.executeUpdate() == 1;
        }
    }

    /** The copies whose results a host delivered on its trust alone, not yet re-verified: (copy, work). */
    List<String[]> acceptedAlone(Connection c, String hostUid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT uid, certifies FROM works WHERE verdict = 'TRUSTED'"
                + " AND host_uid = ?")) {
            ps.setString(1, hostUid);
            try (ResultSet rs = ps.executeQuery()) {
                List<String[]> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2)});
                }
                return out;
            }
        }
    }

    /** A host's trust: its consecutive valid results. */
    int trust(Connection c, String hostUid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT trust FROM hosts WHERE uid = ?")) {
            ps.setString(1, hostUid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /** One more valid result ({@code earned}), or all trust lost. */
    void trusted(Connection c, String hostUid, boolean earned) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(earned ? "UPDATE hosts SET trust = trust + 1 WHERE uid = ?"
                : "UPDATE hosts SET trust = 0 WHERE uid = ?")) {
            ps.setString(1, hostUid);
            ps.executeUpdate();
        }
    }

    /** The owner of a host (for the placements of re-check copies). */
    String hostOwner(Connection c, String hostUid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT owner_uid FROM hosts WHERE uid = ?")) {
            ps.setString(1, hostUid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /**
     * A copy's result that is not the work's result goes, as a deleted work's result does
     * (housekeeping frees its bytes): the owner gets the canonical result only.
     */
    void releaseResult(Connection c, String dataUid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE datas SET deleted = TRUE WHERE uid = ? AND deleted = FALSE")) {
            ps.setString(1, dataUid);
            ps.executeUpdate();
        }
    }

    /** The copies go with their work when its owner deletes it. */
    void deleteCopies(Connection c, String workUid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE works SET deleted = TRUE, version = version + 1"
                + " WHERE certifies = ? AND deleted = FALSE")) {
            ps.setString(1, workUid);
            ps.executeUpdate();
        }
    }

    /** Works with a copy that ended in ERROR outside a report (its lease lost too often): not yet counted. */
    List<String> withUncountedErrors(Connection c, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT certifies FROM works WHERE verdict = 'PENDING'"
                + " AND status = 'ERROR' LIMIT " + limit)) {
            return strings(ps);
        }
    }

    /** Works with a copy whose result awaits validation: a server killed between its commit and its validation. */
    List<String> withUncheckedResults(Connection c, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT certifies FROM works WHERE verdict = 'PENDING'"
                + " AND status = 'COMPLETED'" + (limit == Integer.MAX_VALUE ? "" : " LIMIT " + limit))) {
            return strings(ps);
        }
    }

    /**
     * Where the copies still being certified went (work, copy, host, host owner), for dispatch after
     * a restart. A lost task does not count: its copy is queued again and placed anew. A result under
     * re-check counts: its host, since caught, must not re-check itself.
     */
    void placements(Connection c, CopyPlacements into) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT w.certifies, w.uid, t.host_uid, h.owner_uid FROM works w"
                + " JOIN tasks t ON t.work_uid = w.uid JOIN hosts h ON h.uid = t.host_uid WHERE w.verdict IN ('PENDING', 'RECHECK')"
                + " AND t.status <> 'LOST'");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                into.placed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
            }
        }
    }

    private static List<String> strings(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }
}
