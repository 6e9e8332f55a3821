package xtremweb.server.user;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import xtremweb.server.db.Jdbc;

/** The usergroups table; the manual's "label" is the {@code name} column. */
public final class UsergroupRepository {
    private static final String SELECT = "SELECT uid, name, owner_uid, created FROM usergroups";

    public void insert(Connection c, UsergroupRow g) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO usergroups (uid, name, owner_uid, created) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, g.uid());
            ps.setString(2, g.label());
            ps.setString(3, g.ownerUid());
            Jdbc.setInstant(ps, 4, g.created());
            ps.executeUpdate();
        }
    }

    /**
     * By UID or by label in any case, not deleted: 'TEAM' finds 'team' on H2 as MariaDB's usual
     * collation already did (xwsenduser ... TEAM was 404 on one and put the user in 'team' on the
     * other). The one spelt exactly so first, for a database that holds both from before labels
     * became case-blind.
     */
    public Optional<UsergroupRow> byUidOrLabel(Connection c, String uidOrLabel) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE (uid = ? OR name = ?) AND deleted = FALSE")) {
            ps.setString(1, uidOrLabel);
            ps.setString(2, uidOrLabel);
            Optional<UsergroupRow> exact = many(ps).stream().findFirst();
            if (exact.isPresent()) {
                return exact;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE LOWER(name) = LOWER(?) AND deleted = FALSE ORDER BY created")) {
            ps.setString(1, uidOrLabel);
            return many(ps).stream().findFirst();
        }
    }

    /**
     * Any label ever used, deleted or not, in any case: labels stay unique across history, and
     * 'TEAM' beside 'team' would be two groups nobody tells apart (MariaDB's usual collation already
     * refused it, H2 did not).
     */
    public boolean labelTaken(Connection c, String label) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM usergroups WHERE LOWER(name) = LOWER(?)")) {
            ps.setString(1, label);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    public List<UsergroupRow> all(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE deleted = FALSE ORDER BY name")) {
            return many(ps);
        }
    }

    /** The label of each of these user groups, deleted ones too, for listings that people read. */
    public Map<String, String> labelsOf(Connection c, Collection<String> uids) throws SQLException {
        return NamesByUid.read(c, "SELECT uid, name FROM usergroups WHERE uid IN ", uids);
    }

    public boolean markDeleted(Connection c, String uid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE usergroups SET deleted = TRUE WHERE uid = ? AND deleted = FALSE")) {
            ps.setString(1, uid);
            return ps.executeUpdate() == 1;
        }
    }

    private static List<UsergroupRow> many(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<UsergroupRow> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new UsergroupRow(rs.getString("uid"), rs.getString("name"), rs.getString("owner_uid"),
                        Jdbc.getInstant(rs, "created")));
            }
            return rows;
        }
    }
}
