package xtremweb.server.grouping;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import xtremweb.common.rights.AccessRights;
import xtremweb.server.db.Jdbc;

/** The sessions table or the workgroups table (same columns); which one is fixed at construction. */
final class GroupingRepository {
    private final String table;
    private final String select;

    GroupingRepository(Grouping kind) {
        this.table = kind.table();
        this.select = "SELECT g.uid, g.name, g.owner_uid, u.usergroup_uid, g.access_rights, g.created, g.deleted FROM "
                + table + " g LEFT JOIN users u ON u.uid = g.owner_uid";
    }

    void insert(Connection c, GroupingRow row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                + " (uid, name, owner_uid, access_rights, created, deleted) VALUES (?, ?, ?, ?, ?, FALSE)")) {
            ps.setString(1, row.uid());
            ps.setString(2, row.name());
            ps.setString(3, row.ownerUid());
            ps.setInt(4, row.rights().bits());
            Jdbc.setInstant(ps, 5, row.created());
            ps.executeUpdate();
        }
    }

    /** Deleted ones too: a submission into a deleted session gets told so. */
    Optional<GroupingRow> byUid(Connection c, String uid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(select + " WHERE g.uid = ?")) {
            ps.setString(1, uid);
            return many(ps).stream().findFirst();
        }
    }

    /** Holds the owner's user row until the transaction ends: one creation at a time per owner. */
    void lockOwner(Connection c, String ownerUid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT uid FROM users WHERE uid = ? FOR UPDATE")) {
            ps.setString(1, ownerUid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        }
    }

    /** The owner's live one of this name in any case, the oldest if a database from before holds several. */
    Optional<GroupingRow> liveNamed(Connection c, String ownerUid, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(select
                + " WHERE g.owner_uid = ? AND LOWER(g.name) = LOWER(?) AND g.deleted = FALSE ORDER BY g.created, g.uid")) {
            ps.setString(1, ownerUid);
            ps.setString(2, name);
            return many(ps).stream().findFirst();
        }
    }

    List<GroupingRow> live(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(select + " WHERE g.deleted = FALSE ORDER BY g.created, g.uid")) {
            return many(ps);
        }
    }

    boolean setRights(Connection c, String uid, AccessRights rights) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET access_rights = ? WHERE uid = ? AND deleted = FALSE")) {
            ps.setInt(1, rights.bits());
            ps.setString(2, uid);
            return ps.executeUpdate() == 1;
        }
    }

    boolean markDeleted(Connection c, String uid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET deleted = TRUE WHERE uid = ? AND deleted = FALSE")) {
            ps.setString(1, uid);
            return ps.executeUpdate() == 1;
        }
    }

    private static List<GroupingRow> many(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<GroupingRow> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new GroupingRow(rs.getString("uid"), rs.getString("name"), rs.getString("owner_uid"),
                        rs.getString("usergroup_uid"), new AccessRights(rs.getInt("access_rights")),
                        Jdbc.getInstant(rs, "created"), rs.getBoolean("deleted")));
            }
            return rows;
        }
    }
}
