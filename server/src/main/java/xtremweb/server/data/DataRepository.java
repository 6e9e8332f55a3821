package xtremweb.server.data;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import xtremweb.common.model.DataStatus;
import xtremweb.common.rights.AccessRights;
import xtremweb.server.db.Jdbc;
import xtremweb.server.db.Writes;

/** The datas table. */
public final class DataRepository {
    private static final String SELECT = "SELECT d.uid, d.name, d.type, d.os, d.cpu, d.size, d.sha256, d.declared_size,"
            + " d.declared_sha256, d.status, d.access_rights, d.owner_uid, u.usergroup_uid, d.created, d.external_uri, d.holder"
            + " FROM datas d LEFT JOIN users u ON u.uid = d.owner_uid";

    public void insert(Connection c, DataRow d) throws SQLException {
        insert(Writes.on(c), d);
    }

    /** As {@link #insert(Connection, DataRow)}, made or queued by {@code writes}. */
    public void insert(Writes writes, DataRow d) throws SQLException {
        insert(writes, d, null);
    }

    /** The same, the data keeping {@code requestKey} (null: none), unique per owner ({@link xtremweb.server.db.RequestKeys}). */
    public void insert(Writes writes, DataRow d, String requestKey) throws SQLException {
        writes.one("INSERT INTO datas (uid, name, type, os, cpu, size, sha256,"
                + " declared_size, declared_sha256, status, access_rights, owner_uid, created, external_uri, holder, request_key)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
            ps.setString(1, d.uid());
            ps.setString(2, d.name());
            ps.setString(3, d.type());
            ps.setString(4, d.os());
            ps.setString(5, d.cpu());
            Jdbc.setNullableLong(ps, 6, d.size());
            ps.setString(7, d.sha256());
            Jdbc.setNullableLong(ps, 8, d.declaredSize());
            ps.setString(9, d.declaredSha256());
            ps.setString(10, d.status().name());
            ps.setInt(11, d.rights().bits());
            ps.setString(12, d.ownerUid());
            Jdbc.setInstant(ps, 13, d.created());
            ps.setString(14, d.externalUri());
            ps.setString(15, d.holder());
            ps.setString(16, requestKey);
        });
    }

    /** A data {@code ownerUid} created with {@code requestKey}, and whether it was deleted since. */
    public record Keyed(DataRow data, boolean deleted) {
    }

    /** The data {@code ownerUid} created with {@code requestKey}, deleted or not (the (owner, key) index). */
    public Optional<Keyed> byRequestKey(Connection c, String ownerUid, String requestKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT.replace(" FROM datas d", ", d.deleted FROM datas d")
                + " WHERE d.owner_uid = ? AND d.request_key = ?")) {
            ps.setString(1, ownerUid);
            ps.setString(2, requestKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Keyed(map(rs), rs.getBoolean("deleted"))) : Optional.empty();
            }
        }
    }

    /**
     * The data even if its owner deleted it: a deleted stdin or env still feeds the live works that
     * refer to it until housekeeping sweeps it. Users' lookups go through {@link #liveByUid}.
     */
    public Optional<DataRow> byUid(Connection c, String uid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE d.uid = ?")) {
            ps.setString(1, uid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** The data unless its owner deleted it: what users may still see. */
    public Optional<DataRow> liveByUid(Connection c, String uid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE d.uid = ? AND d.deleted = FALSE")) {
            ps.setString(1, uid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** Most UIDs bound in one {@code IN (...)} list (the statement stays small for any database). */
    private static final int UIDS_PER_STATEMENT = 1_000;

    /**
     * The data of {@code uids} their owners did not delete, by UID (a UID not found is absent): one
     * statement per {@link #UIDS_PER_STATEMENT} UIDs instead of one each, for a client fetching the
     * results of many works in one call. The UIDs are bound as parameters, never spliced in.
     */
    public Map<String, DataRow> liveByUids(Connection c, Collection<String> uids) throws SQLException {
        Map<String, DataRow> found = new HashMap<>();
        for (DataRow row : Jdbc.readByUids(c, List.copyOf(uids), UIDS_PER_STATEMENT,
                marks -> SELECT + " WHERE d.uid IN (" + marks + ") AND d.deleted = FALSE", DataRepository::map)) {
            found.put(row.uid(), row);
        }
        return found;
    }

    /** Newest first, deleted ones left out; the caller filters by the access policy. */
    public List<DataRow> recent(Connection c, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE d.deleted = FALSE ORDER BY d.created DESC, d.uid LIMIT " + Math.max(1, limit))) {
            return rows(ps);
        }
    }

    /** The latest data of one owner, newest first. */
    public List<DataRow> recentOf(Connection c, String ownerUid, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE d.deleted = FALSE AND d.owner_uid = ?"
                + " ORDER BY d.created DESC, d.uid LIMIT " + Math.max(1, limit))) {
            ps.setString(1, ownerUid);
            return rows(ps);
        }
    }

    private List<DataRow> rows(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<DataRow> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(map(rs));
            }
            return rows;
        }
    }

    /** Records uploaded content; false if the data was no longer waiting for it (someone else won). */
    /**
     * Records {@code size} as the declared size of a data still waiting for its content that declared
     * none ({@code size} null: its declared size again, for an upload refused over the limits).
     * False when the data has content, a declared size already, or is gone.
     */
    public boolean declareSize(Connection c, String uid, Long size) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE datas SET declared_size = ? WHERE uid = ? AND status = ?"
                + (size == null ? "" : " AND declared_size IS NULL"))) {
            Jdbc.setNullableLong(ps, 1, size);
            ps.setString(2, uid);
            ps.setString(3, DataStatus.UNAVAILABLE.name());
            return ps.executeUpdate() == 1;
        }
    }

    public boolean markAvailable(Connection c, String uid, long size, String sha256, String holder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE datas SET status = ?, size = ?, sha256 = ?, holder = ? WHERE uid = ? AND status = ?")) {
            ps.setString(1, DataStatus.AVAILABLE.name());
            ps.setLong(2, size);
            ps.setString(3, sha256);
            ps.setString(4, holder);
            ps.setString(5, uid);
            ps.setString(6, DataStatus.UNAVAILABLE.name());
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Bytes an owner holds or has announced on the server, other than {@code exceptUid}: stored
     * content, declared sizes of uploads in progress, and deleted data not yet swept away (their
     * bytes are still on disk).
     */
    public long usedBytes(Connection c, String ownerUid, String exceptUid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(COALESCE(size, declared_size, 0)), 0)"
                + " FROM datas WHERE owner_uid = ? AND uid <> ?")) {
            ps.setString(1, ownerUid);
            ps.setString(2, exceptUid == null ? "" : exceptUid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                // A sum past 2^63 (sizes declared before they were bounded) counts as "everything".
                java.math.BigDecimal used = rs.getBigDecimal(1);
                return used.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : used.longValue();
            }
        }
    }

    public boolean setRights(Connection c, String uid, AccessRights rights) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE datas SET access_rights = ? WHERE uid = ? AND deleted = FALSE")) {
            ps.setInt(1, rights.bits());
            ps.setString(2, uid);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Marks the data deleted: it disappears from listings and lookups, and housekeeping removes its
     * row and bytes once nothing refers to it.
     */
    public boolean markDeleted(Connection c, String uid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE datas SET deleted = TRUE WHERE uid = ? AND deleted = FALSE")) {
            ps.setString(1, uid);
            return ps.executeUpdate() == 1;
        }
    }

    /** The sweep condition on the datas table (not aliased, so DELETE can use it too). */
    private static final String UNREFERENCED = "datas.deleted = TRUE"
            + " AND NOT EXISTS (SELECT 1 FROM works w WHERE w.deleted = FALSE AND w.stdin_data_uid = datas.uid)"
            + " AND NOT EXISTS (SELECT 1 FROM works w WHERE w.deleted = FALSE AND w.env_data_uid = datas.uid)"
            + " AND NOT EXISTS (SELECT 1 FROM works w WHERE w.deleted = FALSE AND w.result_data_uid = datas.uid)"
            + " AND NOT EXISTS (SELECT 1 FROM app_binaries b WHERE b.data_uid = datas.uid)";

    /** Deleted data no live work and no app binary refers to any more: housekeeping's candidates. */
    public List<String> sweepable(Connection c, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT datas.uid FROM datas WHERE " + UNREFERENCED
                + " ORDER BY datas.uid LIMIT " + Math.max(1, limit))) {
            try (ResultSet rs = ps.executeQuery()) {
                List<String> uids = new ArrayList<>();
                while (rs.next()) {
                    uids.add(rs.getString(1));
                }
                return uids;
            }
        }
    }

    /**
     * Removes the row if it is still deleted and unreferenced. The condition is re-checked in the
     * DELETE itself, so of several servers sweeping at once exactly one wins, and a work submitted
     * meanwhile with this data keeps it.
     */
    public boolean removeIfSweepable(Connection c, String uid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM datas WHERE datas.uid = ? AND " + UNREFERENCED)) {
            ps.setString(1, uid);
            return ps.executeUpdate() == 1;
        }
    }

    /** Removes a data that never got valid content (checksum mismatch); false if it got some meanwhile. */
    public boolean deleteUnavailable(Connection c, String uid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM datas WHERE uid = ? AND status = ?")) {
            ps.setString(1, uid);
            ps.setString(2, DataStatus.UNAVAILABLE.name());
            return ps.executeUpdate() == 1;
        }
    }

    public void delete(Connection c, String uid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM datas WHERE uid = ?")) {
            ps.setString(1, uid);
            ps.executeUpdate();
        }
    }

    private static DataRow map(ResultSet rs) throws SQLException {
        return new DataRow(rs.getString("uid"), rs.getString("name"), rs.getString("type"), rs.getString("os"),
                rs.getString("cpu"), Jdbc.getLongOrNull(rs, "size"), rs.getString("sha256"),
                Jdbc.getLongOrNull(rs, "declared_size"), rs.getString("declared_sha256"),
                DataStatus.valueOf(rs.getString("status")), new AccessRights(rs.getInt("access_rights")),
                rs.getString("owner_uid"), rs.getString("usergroup_uid"), Jdbc.getInstant(rs, "created"),
                rs.getString("external_uri"), rs.getString("holder"));
    }
}
