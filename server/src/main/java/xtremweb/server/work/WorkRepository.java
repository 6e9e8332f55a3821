package xtremweb.server.work;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import xtremweb.common.json.Json;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.rights.AccessRights;
import xtremweb.server.policy.Owned;
import xtremweb.server.db.Jdbc;
import xtremweb.server.db.Writes;
import xtremweb.server.refusal.InvalidInput;

/**
 * The works table. Every status change goes through {@link #transition}, a conditional update
 * whose update count is the truth: 0 means another server or thread changed the work first.
 */
public final class WorkRepository {
    private final WorkEnds ends = new WorkEnds();
    private static final String SELECT = "SELECT w.uid, w.app_uid, a.name AS app_name, w.owner_uid, u.usergroup_uid,"
            + " w.label, w.args, w.status, w.exit_code, w.error_message, w.stdin_data_uid, w.env_data_uid,"
            + " w.result_data_uid, w.access_rights, w.retries, w.version, w.deleted, w.host_uid, w.submitted, w.completed,"
            + " w.min_memory, w.min_disk, w.min_cpu_speed, w.expected_host_uid, w.session_uid, w.group_uid,"
            + " w.certifies FROM works w LEFT JOIN apps a ON a.uid = w.app_uid LEFT JOIN users u ON u.uid = w.owner_uid";
    private static final String ORDER = " ORDER BY w.submitted, w.uid LIMIT ";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    /** The size of the args column (V6): the argument vector as JSON. */
    static final int MAX_ARGS_CHARS = 10_000;

    public void insert(Connection c, WorkRow w) throws SQLException {
        insertAll(c, List.of(w));
    }

    /** As {@link #insert(Connection, WorkRow)}, made or queued by {@code writes} (one submission among others': a group commit). */
    public void insert(Writes writes, WorkRow w) throws SQLException {
        insert(writes, w, null);
    }

    /**
     * The same, the work keeping {@code requestKey} (null: none), unique per owner: the request that
     * created it, repeated, fails on this INSERT instead of creating the work again ({@link RequestKeys}).
     */
    public void insert(Writes writes, WorkRow w, String requestKey) throws SQLException {
        writes.one(INSERT, ps -> bindInsert(ps, w, requestKey));
    }

    /**
     * Inserts many works as one JDBC batch (a parameter sweep of 10,000 jobs is one statement sent
     * in a few round trips, not 10,000), inside the caller's transaction.
     */
    public void insertAll(Connection c, List<WorkRow> rows) throws SQLException {
        insertAll(c, rows, null);
    }

    /** The same, work {@code i} keeping {@code requestKeys.get(i)} ({@code requestKeys} null: none keeps a key). */
    public void insertAll(Connection c, List<WorkRow> rows, List<String> requestKeys) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (int i = 0; i < rows.size(); i++) {
                bindInsert(ps, rows.get(i), requestKeys == null ? null : requestKeys.get(i));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static final String INSERT = "INSERT INTO works (uid, app_uid, owner_uid, label, args, status,"
            + " stdin_data_uid, env_data_uid, access_rights, retries, version, deleted, submitted,"
            + " min_memory, min_disk, min_cpu_speed, expected_host_uid, session_uid, group_uid, certifies, verdict, request_key)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, FALSE, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static void bindInsert(PreparedStatement ps, WorkRow w, String requestKey) throws SQLException {
        ps.setString(1, w.uid());
        ps.setString(2, w.appUid());
        ps.setString(3, w.ownerUid());
        ps.setString(4, w.label());
        ps.setString(5, argsColumn(w));
        ps.setString(6, w.status().name());
        ps.setString(7, w.stdinDataUid());
        ps.setString(8, w.envDataUid());
        ps.setInt(9, w.rights().bits());
        Jdbc.setInstant(ps, 10, w.submitted());
        Jdbc.setNullableLong(ps, 11, w.needs().minMemoryBytes());
        Jdbc.setNullableLong(ps, 12, w.needs().minDiskBytes());
        Jdbc.setNullableInt(ps, 13, w.needs().minCpuSpeedMhz());
        ps.setString(14, w.needs().expectedHostUid());
        ps.setString(15, w.sessionUid());
        ps.setString(16, w.groupUid());
        // A copy of a replicated work awaits its verdict.
        ps.setString(17, w.certifies());
        ps.setString(18, w.certifies() == null ? null : "PENDING");
        ps.setString(19, requestKey);
    }

    /**
     * The works {@code ownerUid} created with these request keys, by key (those that exist, deleted
     * ones too): one statement per {@link #UIDS_PER_STATEMENT} keys, through the (owner, key) index.
     */
    public java.util.Map<String, WorkRow> byRequestKeys(Connection c, String ownerUid, List<String> keys) throws SQLException {
        java.util.Map<String, WorkRow> found = new java.util.HashMap<>();
        for (int from = 0; from < keys.size(); from += UIDS_PER_STATEMENT) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + UIDS_PER_STATEMENT));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement(SELECT.replace(" FROM works w", ", w.request_key FROM works w")
                    + " WHERE w.owner_uid = ? AND w.request_key IN (" + marks + ")")) {
                ps.setString(1, ownerUid);
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 2, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getString("request_key"), map(rs));
                    }
                }
            }
        }
        return found;
    }

    public Optional<WorkRow> byUid(Connection c, String uid) throws SQLException {
        List<WorkRow> rows = query(c, SELECT + " WHERE w.uid = ?", uid);
        return rows.stream().findFirst();
    }

    /** How many UIDs one read of {@link #byUids} binds: every database takes this many parameters. */
    static final int UIDS_PER_STATEMENT = 1_000;

    /**
     * The works of these UIDs that exist (deleted ones too, as {@link #byUid}), in any order: one
     * statement per {@link #UIDS_PER_STATEMENT} UIDs, each bound as a parameter.
     */
    public List<WorkRow> byUids(Connection c, List<String> uids) throws SQLException {
        return Jdbc.readByUids(c, uids, UIDS_PER_STATEMENT, marks -> SELECT + " WHERE w.uid IN (" + marks + ")", WorkRepository::map);
    }

    /** What a client waiting for a work must know of it: whether it may see it, and whether it has ended. */
    public record Glance(String uid, WorkStatus status, boolean deleted, Owned owned) {
    }

    /**
     * The glances of the works of {@code uids} that exist (one statement per
     * {@link #UIDS_PER_STATEMENT}): the few columns a wait checks, without the app's name, the
     * arguments' JSON or the rest a whole {@link WorkRow} reads, for waits naming hundreds of works.
     */
    public List<Glance> glances(Connection c, List<String> uids) throws SQLException {
        return Jdbc.readByUids(c, uids, UIDS_PER_STATEMENT, marks -> "SELECT w.uid, w.status, w.deleted, w.owner_uid,"
                + " u.usergroup_uid, w.access_rights FROM works w LEFT JOIN users u ON u.uid = w.owner_uid WHERE w.uid IN (" + marks + ")",
                rs -> new Glance(rs.getString("uid"), WorkStatus.valueOf(rs.getString("status")), rs.getBoolean("deleted"),
                        new Owned(rs.getString("owner_uid"), rs.getString("usergroup_uid"), new AccessRights(rs.getInt("access_rights")))));
    }

    /** Those of the works of {@code uids} that have ended (COMPLETED or ERROR): a wait's look, one column read. */
    public List<String> endedAmong(Connection c, List<String> uids) throws SQLException {
        return Jdbc.readByUids(c, uids, UIDS_PER_STATEMENT,
                marks -> "SELECT w.uid FROM works w WHERE w.uid IN (" + marks + ") AND w.status IN ('COMPLETED', 'ERROR')",
                rs -> rs.getString(1));
    }

    /** The live works the filter selects, oldest first; copies of replicated works are not listed. */
    public List<WorkRow> find(Connection c, WorkFilter filter, int limit) throws SQLException {
        return find(c, filter, null, limit);
    }

    /**
     * The same, from the work after {@code afterUid} in that order (null: from the first): the next
     * page of a listing longer than {@code limit}. A key, not an offset, so a work submitted or
     * deleted between two pages neither repeats nor hides another; an unknown {@code afterUid}
     * selects nothing.
     */
    public List<WorkRow> find(Connection c, WorkFilter filter, String afterUid, int limit) throws SQLException {
        List<String> params = new ArrayList<>();
        String where = filter.where(params);
        if (afterUid != null) {
            where += " AND (w.submitted > (SELECT p.submitted FROM works p WHERE p.uid = ?)"
                    + " OR (w.submitted = (SELECT p.submitted FROM works p WHERE p.uid = ?) AND w.uid > ?))";
            params.addAll(List.of(afterUid, afterUid, afterUid));
        }
        return query(c, SELECT + " WHERE w.certifies IS NULL AND " + where + " ORDER BY w.submitted, w.uid LIMIT " + limit, params.toArray(String[]::new));
    }

    /** The results of the live works the filter selects: they go when the works go. */
    public List<String> resultsOf(Connection c, WorkFilter filter) throws SQLException {
        List<String> params = new ArrayList<>();
        String where = filter.where(params);
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT w.result_data_uid FROM works w WHERE " + where + " AND w.result_data_uid IS NOT NULL")) {
            bind(ps, params.toArray(String[]::new));
            List<String> uids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    uids.add(rs.getString(1));
                }
            }
            return uids;
        }
    }

    /**
     * Marks every live work the filter selects deleted, in one statement; the version moves so a
     * claim in flight loses, and running tasks are cancelled at their host's next heartbeat.
     */
    public int markDeleted(Connection c, WorkFilter filter) throws SQLException {
        List<String> params = new ArrayList<>();
        String where = filter.where(params);
        // The filter's conditions name the table by its alias w.
        try (PreparedStatement ps = c.prepareStatement("UPDATE works w SET deleted = TRUE, version = version + 1 WHERE " + where)) {
            bind(ps, params.toArray(String[]::new));
            return ps.executeUpdate();
        }
    }

    /** The owners that have pending works, for the ready queue's round robin. Walks the (status, owner) index. */
    public List<String> ownersWithPending(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                // No test of "deleted" here: on the (status, owner_uid, submitted) index this reads one
                // entry per owner (a loose index scan) instead of every pending work, which matters
                // with 100,000 queued. An owner whose pending works are all deleted just yields none.
                "SELECT DISTINCT owner_uid FROM works WHERE status = 'PENDING'");
             ResultSet rs = ps.executeQuery()) {
            List<String> owners = new ArrayList<>();
            while (rs.next()) {
                owners.add(rs.getString(1));
            }
            return owners;
        }
    }

    /** How many owners one refill statement reads. */
    static final int OWNERS_PER_STATEMENT = 32;

    /**
     * Each owner's oldest pending works (up to {@code limit} each), in one statement per
     * {@link #OWNERS_PER_STATEMENT} owners instead of one per owner: a UNION ALL of per-owner reads,
     * each walking the (status, owner, submitted) index for its first rows only. (A window over
     * owners, ROW_NUMBER() OVER (PARTITION BY owner), would read every pending row to number them:
     * a cost growing with the queue, 100,000 rows a second with a deep one.)
     */
    public List<WorkRow> oldestPendingOfEach(Connection c, List<String> owners, int limit) throws SQLException {
        List<WorkRow> all = new ArrayList<>();
        for (int from = 0; from < owners.size(); from += OWNERS_PER_STATEMENT) {
            List<String> chunk = owners.subList(from, Math.min(owners.size(), from + OWNERS_PER_STATEMENT));
            String one = "(" + SELECT + " WHERE w.status = 'PENDING' AND w.owner_uid = ? AND w.deleted = FALSE"
                    // A replicated work whose result was withdrawn is PENDING again, but only its copies run.
                    + " AND w.quorum = 1 AND w.initial_copies = 1" + ORDER + limit + ")";
            all.addAll(query(c, String.join(" UNION ALL ", java.util.Collections.nCopies(chunk.size(), one)),
                    chunk.toArray(String[]::new)));
        }
        return all;
    }

    public boolean setRights(Connection c, String uid, AccessRights rights) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE works SET access_rights = ?, version = version + 1 WHERE uid = ? AND deleted = FALSE")) {
            ps.setInt(1, rights.bits());
            ps.setString(2, uid);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * A replicated work's copies take its rights: a copy runs only where the work may run, and its
     * result (the work's result is one of them) is read by whoever may read the work. The version
     * moves so a result upload holding the old rights loses its conditional update and reads again.
     */
    public void setRightsOfCopies(Connection c, String uid, AccessRights rights) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE works SET access_rights = ?, version = version + 1 WHERE certifies = ? AND deleted = FALSE")) {
            ps.setInt(1, rights.bits());
            ps.setString(2, uid);
            ps.executeUpdate();
        }
    }

    /** The results of a work and of its copies (a replicated work's result is one of its copies'). */
    public List<String> resultsOfWorkAndCopies(Connection c, String uid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT w.result_data_uid FROM works w"
                + " WHERE (w.uid = ? OR w.certifies = ?) AND w.result_data_uid IS NOT NULL")) {
            ps.setString(1, uid);
            ps.setString(2, uid);
            List<String> uids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    uids.add(rs.getString(1));
                }
            }
            return uids;
        }
    }

    /** The live works of an app that no host has started, copies of replicated works aside (status index). */
    public List<WorkRow> pendingOfApp(Connection c, String appUid) throws SQLException {
        return query(c, SELECT + " WHERE w.status = ? AND w.app_uid = ? AND w.deleted = FALSE AND w.certifies IS NULL"
                + ORDER + 1_000_000, WorkStatus.PENDING.name(), appUid);
    }

    /** The live copies of replicated works of an app that no host has started (status index). */
    public List<WorkRow> pendingCopiesOfApp(Connection c, String appUid) throws SQLException {
        return query(c, SELECT + " WHERE w.status = ? AND w.app_uid = ? AND w.deleted = FALSE AND w.certifies IS NOT NULL"
                + ORDER + 1_000_000, WorkStatus.PENDING.name(), appUid);
    }

    public boolean markDeleted(Connection c, String uid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE works SET deleted = TRUE, version = version + 1 WHERE uid = ?")) {
            ps.setString(1, uid);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Moves a work from one status to another if it is still in {@code from} at {@code version}.
     * Refuses moves the state machine does not allow.
     */
    public boolean transition(Connection c, String uid, WorkStatus from, WorkStatus to, long version, WorkChange change)
            throws SQLException {
        return transition(Writes.on(c), uid, from, to, version, change);
    }

    /** As {@link #transition(Connection, String, WorkStatus, WorkStatus, long, WorkChange)}, made or queued by {@code writes}. */
    public boolean transition(Writes writes, String uid, WorkStatus from, WorkStatus to, long version, WorkChange change)
            throws SQLException {
        if (!from.canMoveTo(to)) {
            throw new IllegalStateException("work " + uid + " cannot move from " + from + " to " + to);
        }
        boolean moved = writes.one(TRANSITION, ps -> {
            ps.setString(1, to.name());
            ps.setString(2, change.hostUid());
            Jdbc.setNullableInt(ps, 3, change.exitCode());
            ps.setString(4, change.errorMessage());
            ps.setString(5, change.resultDataUid());
            ps.setInt(6, change.retriesAdded());
            Jdbc.setInstant(ps, 7, change.completed());
            ps.setString(8, uid);
            ps.setString(9, from.name());
            ps.setLong(10, version);
        });
        if (moved && to.isFinal()) {
            // Clients waiting for this work (GET /works/{uid}?waitSeconds=, POST /works/await) read it once committed.
            Jdbc.afterCommit(() -> ends.ended(uid));
        }
        return moved;
    }

    private static final String TRANSITION = "UPDATE works SET status = ?, version = version + 1,"
            + " host_uid = COALESCE(?, host_uid), exit_code = COALESCE(?, exit_code),"
            + " error_message = COALESCE(?, error_message), result_data_uid = COALESCE(?, result_data_uid),"
            + " retries = retries + ?, completed = COALESCE(?, completed)"
            + " WHERE uid = ? AND status = ? AND version = ?";

    /** Who waits for works to end: told by {@link #transition} once a final status is committed. */
    public WorkEnds ends() {
        return ends;
    }

    private static List<WorkRow> query(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<WorkRow> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(map(rs));
                }
                return rows;
            }
        }
    }

    private static void bind(PreparedStatement ps, String... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setString(i + 1, args[i]);
        }
    }

    private static WorkRow map(ResultSet rs) throws SQLException {
        return new WorkRow(rs.getString("uid"), rs.getString("app_uid"), rs.getString("app_name"),
                rs.getString("owner_uid"), rs.getString("usergroup_uid"), rs.getString("label"),
                fromJson(rs.getString("args")), WorkStatus.valueOf(rs.getString("status")),
                Jdbc.getInteger(rs, "exit_code"), rs.getString("error_message"), rs.getString("stdin_data_uid"),
                rs.getString("env_data_uid"), rs.getString("result_data_uid"),
                new AccessRights(rs.getInt("access_rights")), rs.getInt("retries"), rs.getLong("version"),
                rs.getBoolean("deleted"), rs.getString("host_uid"), Jdbc.getInstant(rs, "submitted"),
                Jdbc.getInstant(rs, "completed"), new WorkRow.Requirements(Jdbc.getLongOrNull(rs, "min_memory"),
                        Jdbc.getLongOrNull(rs, "min_disk"), Jdbc.getInteger(rs, "min_cpu_speed"),
                        rs.getString("expected_host_uid")), rs.getString("session_uid"), rs.getString("group_uid"),
                rs.getString("certifies"));
    }

    /** A refusal here rolls back the whole batch being inserted: nothing of it is kept. */
    private static String argsColumn(WorkRow w) {
        String json;
        try {
            json = Json.mapper().writeValueAsString(w.args());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode arguments: " + e.getMessage(), e);
        }
        if (json.length() > MAX_ARGS_CHARS) {
            // Named by its label, or by how its arguments begin: its UID was never given to anyone.
            String which = w.label() != null ? "of work '" + w.label() + "'"
                    : "beginning " + json.substring(0, 40).replaceAll("[^\\x20-\\x7E]", "?") + "...";
            throw new InvalidInput("the arguments " + which + " take "
                    + json.length() + " characters as JSON, more than the " + MAX_ARGS_CHARS
                    + " a work may have; pass large inputs as data (--xwstdin, --xwenv)");
        }
        return json;
    }

    private static List<String> fromJson(String json) {
        try {
            return Json.mapper().readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt args column: " + e.getMessage(), e);
        }
    }
}
