package xtremweb.server.task;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import xtremweb.common.model.TaskStatus;
import xtremweb.common.wire.TaskView;
import xtremweb.server.db.Jdbc;
import xtremweb.server.db.Writes;

/**
 * The tasks table. Lease changes are conditional on the task still RUNNING on its host. Public for
 * the scheduler, whose claim inserts the task row.
 */
public final class TaskRepository {
    private static final String SELECT = "SELECT uid, work_uid, host_uid, status, lease_expires, started, ended FROM tasks";

    public void insert(Connection c, TaskRow t) throws SQLException {
        insert(Writes.on(c), t);
    }

    /** As {@link #insert(Connection, TaskRow)}, made or queued by {@code writes}. */
    public void insert(Writes writes, TaskRow t) throws SQLException {
        writes.one("INSERT INTO tasks (uid, work_uid, host_uid, status, lease_expires, started, ended) VALUES (?, ?, ?, ?, ?, ?, ?)", ps -> {
            ps.setString(1, t.uid());
            ps.setString(2, t.workUid());
            ps.setString(3, t.hostUid());
            ps.setString(4, t.status().name());
            Jdbc.setInstant(ps, 5, t.leaseExpires());
            Jdbc.setInstant(ps, 6, t.started());
            Jdbc.setInstant(ps, 7, t.ended());
        });
    }

    Optional<TaskRow> byUid(Connection c, String uid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE uid = ?")) {
            ps.setString(1, uid);
            List<TaskRow> rows = read(ps);
            return rows.stream().findFirst();
        }
    }

    /**
     * The tasks of the live works of {@code workOwnerUid} and of the hosts of {@code hostOwnerUid};
     * every such task when both are null, only the works' when {@code hostOwnerUid} alone is null.
     * Newest first, as listed: with the host's name and the login of the work's owner, and for a
     * copy of a replicated work that work's UID and the copy's verdict.
     */
    List<TaskView> listed(Connection c, String workOwnerUid, String hostOwnerUid, int limit) throws SQLException {
        String whose = workOwnerUid == null && hostOwnerUid == null ? ""
                : hostOwnerUid == null ? " AND w.owner_uid = ?"
                : workOwnerUid == null ? " AND h.owner_uid = ?"
                : " AND (w.owner_uid = ? OR h.owner_uid = ?)";
        // The tasks of a deleted work go with it, for everybody (its UID is 404 to a SUPER_USER too).
        // A copy of a replicated work counts as live while its work is: a copy withdrawn once the
        // work ended (marked deleted) keeps its task, which ran and may hold a verdict.
        String live = " WHERE (w.deleted = FALSE OR (w.certifies IS NOT NULL AND p.deleted = FALSE))";
        String sql = "SELECT t.uid, t.work_uid, t.host_uid, t.status, t.lease_expires, t.started, t.ended,"
                + " h.name AS host_name, u.login AS owner_login, w.certifies, w.verdict FROM tasks t"
                + " JOIN works w ON w.uid = t.work_uid LEFT JOIN works p ON p.uid = w.certifies"
                + " LEFT JOIN hosts h ON h.uid = t.host_uid LEFT JOIN users u ON u.uid = w.owner_uid"
                + live + whose
                + " ORDER BY t.started DESC, t.uid LIMIT " + limit;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (workOwnerUid != null) {
                ps.setString(i++, workOwnerUid);
            }
            if (hostOwnerUid != null) {
                ps.setString(i, hostOwnerUid);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<TaskView> tasks = new ArrayList<>();
                while (rs.next()) {
                    TaskRow task = row(rs);
                    // A copy of a replicated work is listed under the work its owner submitted, with its
                    // verdict on the task that delivered it (not on an earlier attempt whose lease was lost).
                    String certifies = rs.getString("certifies");
                    tasks.add(new TaskView(task.uid(), certifies != null ? certifies : task.workUid(), task.hostUid(),
                            task.status(), task.leaseExpires(), task.started(), task.ended(), rs.getString("host_name"),
                            rs.getString("owner_login"), task.status() == TaskStatus.LOST ? null : rs.getString("verdict")));
                }
                return tasks;
            }
        }
    }

    /** Running tasks whose lease ended before {@code now}, oldest lease first. */
    List<TaskRow> expired(Connection c, Instant now, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE status = 'RUNNING' AND lease_expires < ?"
                + " ORDER BY lease_expires LIMIT " + limit)) {
            Jdbc.setInstant(ps, 1, now);
            return read(ps);
        }
    }

    /**
     * Running tasks claimed before {@code started} (those past task.timeout), up to {@code limit}, in
     * no order: the reaper takes them all, a batch per pass.
     */
    List<TaskRow> startedBefore(Connection c, Instant started, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE status = 'RUNNING' AND started < ? LIMIT " + limit)) {
            Jdbc.setInstant(ps, 1, started);
            return read(ps);
        }
    }

    /**
     * Whether another task of the host was already lost with a lease that ended in
     * [{@code from}, {@code to}]: the same vanishing of the host, already counted against it.
     */
    boolean lostAlongside(Connection c, String hostUid, String taskUid, Instant from, Instant to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM tasks WHERE host_uid = ? AND status = 'LOST'"
                + " AND uid <> ? AND lease_expires >= ? AND lease_expires <= ?")) {
            ps.setString(1, hostUid);
            ps.setString(2, taskUid);
            Jdbc.setInstant(ps, 3, from);
            Jdbc.setInstant(ps, 4, to);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /** The tasks running on a host (a handful: one per pool slot). */
    List<TaskRow> runningOn(Connection c, String hostUid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE host_uid = ? AND status = 'RUNNING'")) {
            ps.setString(1, hostUid);
            return read(ps);
        }
    }

    /** Every running task whose lease ends before {@code leaseEnd} gets it until then; returns how many. */
    int renewRunningUntil(Connection c, Instant leaseEnd) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE tasks SET lease_expires = ? WHERE status = 'RUNNING' AND lease_expires < ?")) {
            Jdbc.setInstant(ps, 1, leaseEnd);
            Jdbc.setInstant(ps, 2, leaseEnd);
            return ps.executeUpdate();
        }
    }

    boolean extendLease(Connection c, String uid, String hostUid, Instant leaseExpires) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE tasks SET lease_expires = ? WHERE uid = ? AND host_uid = ? AND status = 'RUNNING'")) {
            Jdbc.setInstant(ps, 1, leaseExpires);
            ps.setString(2, uid);
            ps.setString(3, hostUid);
            return ps.executeUpdate() == 1;
        }
    }

    /** Ends a running task (DONE or LOST); false if it had already ended. */
    boolean finish(Connection c, String uid, TaskStatus status, Instant ended) throws SQLException {
        return finish(Writes.on(c), uid, status, ended);
    }

    /** As {@link #finish(Connection, String, TaskStatus, Instant)}, made or queued by {@code writes}. */
    boolean finish(Writes writes, String uid, TaskStatus status, Instant ended) throws SQLException {
        return writes.one("UPDATE tasks SET status = ?, ended = ? WHERE uid = ? AND status = 'RUNNING'", ps -> {
            ps.setString(1, status.name());
            Jdbc.setInstant(ps, 2, ended);
            ps.setString(3, uid);
        });
    }

    private static List<TaskRow> read(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<TaskRow> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(row(rs));
            }
            return rows;
        }
    }

    private static TaskRow row(ResultSet rs) throws SQLException {
        return new TaskRow(rs.getString("uid"), rs.getString("work_uid"), rs.getString("host_uid"),
                TaskStatus.valueOf(rs.getString("status")), Jdbc.getInstant(rs, "lease_expires"),
                Jdbc.getInstant(rs, "started"), Jdbc.getInstant(rs, "ended"));
    }
}
