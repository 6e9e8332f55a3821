package xtremweb.server.host;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import xtremweb.common.wire.HostInventory;
import xtremweb.server.db.Jdbc;
import xtremweb.server.db.Writes;

/** The hosts table. */
public final class HostRepository {
    private static final String COLUMNS = "uid, name, owner_uid, os, cpu, cpu_count, memory, java_version,"
            + " credential_hash, last_alive, active, created, disk, cpu_speed, pilot_cluster, pilot_job, credential_expires";
    private static final String READ = "SELECT " + COLUMNS + ", enabled, benched_until FROM hosts";
    private static final String READ_WITH_OWNER_LOGIN = "SELECT "
            + String.join(", ", Arrays.stream((COLUMNS + ", enabled, benched_until").split(",\\s*"))
                    .map(column -> "h." + column).toList())
            + ", u.login AS owner_login FROM hosts h LEFT JOIN users u ON u.uid = h.owner_uid";

    /** A host as listed: its row and its owner's login ({@code null} if the account is gone). */
    public record Listed(HostRow host, String ownerLogin) {
    }

    public void insert(Connection c, HostRow h) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO hosts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, h.uid());
            ps.setString(2, h.name());
            ps.setString(3, h.ownerUid());
            ps.setString(4, h.os());
            ps.setString(5, h.cpu());
            ps.setInt(6, h.cpuCount());
            ps.setLong(7, h.memory());
            ps.setString(8, h.javaVersion());
            ps.setString(9, h.credentialHash());
            Jdbc.setInstant(ps, 10, h.lastAlive());
            ps.setBoolean(11, h.active());
            Jdbc.setInstant(ps, 12, h.created());
            Jdbc.setNullableLong(ps, 13, h.disk());
            Jdbc.setNullableInt(ps, 14, h.cpuSpeed());
            setPilot(ps, 15, h.pilot());
            ps.executeUpdate();
        }
    }

    /**
     * Ends a host's credential (its worker logged out): the hash of a secret nobody holds replaces
     * it, so the token stops working and no token proves the host any more; the row and its tasks stay.
     */
    public boolean revokeCredential(Connection c, String uid, String unusableHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE hosts SET credential_hash = ? WHERE uid = ?")) {
            ps.setString(1, unusableHash);
            ps.setString(2, uid);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Re-registration: new description and credential, same UID, only while the host's credential is
     * still {@code provenHash} (the one the registration proved to hold). False when it was replaced meanwhile.
     */
    public boolean update(Connection c, HostRow h, String provenHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE hosts SET name = ?, os = ?, cpu = ?, cpu_count = ?, memory = ?,"
                + " java_version = ?, credential_hash = ?, last_alive = ?, active = ?, disk = ?, cpu_speed = ?, pilot_cluster = ?,"
                + " pilot_job = ?, credential_expires = ? WHERE uid = ? AND credential_hash = ?")) {
            ps.setString(1, h.name());
            ps.setString(2, h.os());
            ps.setString(3, h.cpu());
            ps.setInt(4, h.cpuCount());
            ps.setLong(5, h.memory());
            ps.setString(6, h.javaVersion());
            ps.setString(7, h.credentialHash());
            Jdbc.setInstant(ps, 8, h.lastAlive());
            ps.setBoolean(9, h.active());
            Jdbc.setNullableLong(ps, 10, h.disk());
            Jdbc.setNullableInt(ps, 11, h.cpuSpeed());
            setPilot(ps, 12, h.pilot());
            ps.setString(15, h.uid());
            ps.setString(16, provenHash);
            int updated = ps.executeUpdate();
            if (updated > 1) {
                throw new IllegalStateException(updated + " hosts have UID " + h.uid());
            }
            return updated == 1;
        }
    }

    /**
     * Marks hosts alive, each at its own time, in one JDBC batch. Only forward: a call seen before
     * the host said goodbye (written later, in a batch, perhaps by another server) must not mark the
     * departed host active again.
     */
    public void alive(Connection c, Map<String, Instant> seen) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE hosts SET last_alive = ?, active = TRUE"
                + " WHERE uid = ? AND (last_alive IS NULL OR last_alive < ?)")) {
            for (Map.Entry<String, Instant> e : seen.entrySet()) {
                Jdbc.setInstant(ps, 1, e.getValue());
                ps.setString(2, e.getKey());
                Jdbc.setInstant(ps, 3, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public Optional<HostRow> byUid(Connection c, String uid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(READ + " WHERE uid = ?")) {
            ps.setString(1, uid);
            return many(ps).stream().findFirst();
        }
    }

    public List<HostRow> byName(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(READ + " WHERE name = ? ORDER BY uid")) {
            ps.setString(1, name);
            return many(ps);
        }
    }

    /** The host's worker said goodbye at {@code at}: not active until it calls again. */
    public boolean left(Connection c, String uid, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE hosts SET active = FALSE, last_alive = ? WHERE uid = ?")) {
            Jdbc.setInstant(ps, 1, at);
            ps.setString(2, uid);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Whether the host may take a work now (enabled, active, not benched), read from its row and
     * locking it until the caller's transaction ends: a claim made with it cannot interleave with an
     * xwactivate off or a goodbye, which update that row.
     */
    public boolean mayTakeWork(Connection c, String uid, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT enabled, active, benched_until FROM hosts WHERE uid = ? FOR UPDATE")) {
            ps.setString(1, uid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                Instant benchedUntil = Jdbc.getInstant(rs, "benched_until");
                return rs.getBoolean("enabled") && rs.getBoolean("active") && (benchedUntil == null || !benchedUntil.isAfter(now));
            }
        }
    }

    /**
     * As {@link #mayTakeWork}, for a host that has just ended a job well: its run of failures ends
     * ({@link #succeeded}) in the same statement that locks its row, one statement instead of two
     * in a busy worker's exchange. False (and nothing changed) if it may not take work: then call
     * {@link #succeeded} on its own.
     */
    public boolean succeededIfMayTakeWork(Connection c, String uid, Instant now) throws SQLException {
        return succeededIfMayTakeWork(Writes.on(c), uid, now);
    }

    /** As {@link #succeededIfMayTakeWork(Connection, String, Instant)}, made or queued by {@code writes}. */
    public boolean succeededIfMayTakeWork(Writes writes, String uid, Instant now) throws SQLException {
        // Rows matched (Connector/J's default, H2's only way) counts a host whose count was
        // already 0. A URL asking for changed rows (useAffectedRows) answers 0 for it: the
        // row, locked now, is read to tell that from a host that may not take work (in a group
        // commit, that 0 rolls the group back and the claim is made alone, where it is read).
        return writes.one("UPDATE hosts SET failures = 0 WHERE uid = ? AND enabled = TRUE"
                + " AND active = TRUE AND (benched_until IS NULL OR benched_until <= ?)", ps -> {
                    ps.setString(1, uid);
                    Jdbc.setInstant(ps, 2, now);
                }) || mayTakeWork(writes.connection(), uid, now);
    }

    /** Every host with its owner's login, by name then UID (listings). */
    public List<Listed> allWithOwnerLogins(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(READ_WITH_OWNER_LOGIN + " ORDER BY h.name, h.uid");
             ResultSet rs = ps.executeQuery()) {
            List<Listed> listed = new ArrayList<>();
            while (rs.next()) {
                listed.add(new Listed(row(rs), rs.getString("owner_login")));
            }
            return listed;
        }
    }

    /** The administrator's switch: a disabled host gets no work (xwactivate off). */
    public boolean setEnabled(Connection c, String uid, boolean enabled) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE hosts SET enabled = ? WHERE uid = ?")) {
            ps.setBoolean(1, enabled);
            ps.setString(2, uid);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Counts one more failed job of the host in a row; at {@code benchAfter} failures the host is
     * benched until {@code until} and the count starts again. Returns whether it was benched.
     * Two steps, each an update on the host's own row, so several servers may count at once.
     */
    public boolean failed(Connection c, String uid, int benchAfter, Instant until) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE hosts SET failures = failures + 1 WHERE uid = ?")) {
            ps.setString(1, uid);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE hosts SET failures = 0, benched_until = ? WHERE uid = ? AND failures >= ?")) {
            Jdbc.setInstant(ps, 1, until);
            ps.setString(2, uid);
            ps.setInt(3, benchAfter);
            return ps.executeUpdate() == 1;
        }
    }

    /** A job of the host ended well: its run of failures is over. */
    public void succeeded(Connection c, String uid) throws SQLException {
        succeeded(Writes.on(c), uid);
    }

    /** As {@link #succeeded(Connection, String)}, made or queued by {@code writes}. */
    public void succeeded(Writes writes, String uid) throws SQLException {
        writes.any("UPDATE hosts SET failures = 0 WHERE uid = ? AND failures <> 0", ps -> ps.setString(1, uid));
    }

    private static List<HostRow> many(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<HostRow> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(row(rs));
            }
            return rows;
        }
    }

    private static HostRow row(ResultSet rs) throws SQLException {
        return new HostRow(rs.getString("uid"), rs.getString("name"), rs.getString("owner_uid"),
                rs.getString("os"), rs.getString("cpu"), rs.getInt("cpu_count"), rs.getLong("memory"),
                rs.getString("java_version"), rs.getString("credential_hash"), Jdbc.getInstant(rs, "last_alive"),
                rs.getBoolean("active"), Jdbc.getInstant(rs, "created"), rs.getBoolean("enabled"),
                Jdbc.getLongOrNull(rs, "disk"), Jdbc.getInteger(rs, "cpu_speed"),
                Jdbc.getInstant(rs, "benched_until"), pilot(rs));
    }

    private static void setPilot(PreparedStatement ps, int first, HostPilot pilot) throws SQLException {
        ps.setString(first, pilot == null ? null : pilot.cluster());
        ps.setString(first + 1, pilot == null ? null : pilot.jobId());
        Jdbc.setInstant(ps, first + 2, pilot == null ? null : pilot.credentialExpires());
    }

    private static HostPilot pilot(ResultSet rs) throws SQLException {
        String cluster = rs.getString("pilot_cluster");
        Instant expires = Jdbc.getInstant(rs, "credential_expires");
        return cluster == null || expires == null ? null : new HostPilot(cluster, rs.getString("pilot_job"), expires);
    }

    /**
     * The distinct "os/cpu" of the enabled hosts: what the grid can run. A host whose worker said
     * goodbye (stopped for the night, say) still counts: it comes back.
     */
    public Set<String> activePlatforms(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT os, cpu FROM hosts WHERE enabled = TRUE");
             ResultSet rs = ps.executeQuery()) {
            Set<String> platforms = new TreeSet<>();
            while (rs.next()) {
                platforms.add(rs.getString("os") + "/" + rs.getString("cpu"));
            }
            return platforms;
        }
    }

    /**
     * Stores what the worker said about its machine (migration V4). The OS name goes with its
     * version; cores, memory and Java refresh the columns the scheduler already uses.
     */
    public void saveInventory(Connection c, String uid, HostInventory inv, Instant now) throws SQLException {
        String osVersion = java.util.stream.Stream.of(inv.osName(), inv.osVersion()).filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.joining(" "));
        try (PreparedStatement ps = c.prepareStatement("UPDATE hosts SET os_version = ?, cpu_model = ?, cpu_mhz = ?,"
                + " memory_available = ?, disk_free = ?, inventory_updated = ?,"
                + " cpu_count = CASE WHEN ? > 0 THEN ? ELSE cpu_count END, memory = CASE WHEN ? > 0 THEN ? ELSE memory END,"
                + " java_version = COALESCE(?, java_version) WHERE uid = ?")) {
            ps.setString(1, truncate(osVersion));
            ps.setString(2, truncate(inv.cpuModel()));
            ps.setLong(3, inv.cpuMhz());
            ps.setLong(4, inv.memoryAvailable());
            ps.setLong(5, inv.diskFree());
            Jdbc.setInstant(ps, 6, now);
            ps.setInt(7, inv.cpuCores());
            ps.setInt(8, inv.cpuCores());
            ps.setLong(9, inv.memoryTotal());
            ps.setLong(10, inv.memoryTotal());
            ps.setString(11, inv.javaVersion() == null ? null : inv.javaVersion().substring(0, Math.min(50, inv.javaVersion().length())));
            ps.setString(12, uid);
            ps.executeUpdate();
        }
    }

    /** The machine as its worker last described it, if it ever did. */
    public Optional<HostInventory> inventory(Connection c, String uid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT os, cpu, cpu_count, memory, java_version, os_version, cpu_model,"
                + " cpu_mhz, memory_available, disk_free FROM hosts WHERE uid = ? AND inventory_updated IS NOT NULL")) {
            ps.setString(1, uid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new HostInventory(rs.getString("os"), rs.getString("os_version"), rs.getString("cpu"),
                        rs.getString("cpu_model"), rs.getInt("cpu_count"), rs.getLong("cpu_mhz"), rs.getLong("memory"),
                        rs.getLong("memory_available"), rs.getLong("disk_free"), rs.getString("java_version")));
            }
        }
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 200 ? text : text.substring(0, 200);
    }
}
