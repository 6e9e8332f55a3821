package xtremweb.server.app;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import xtremweb.common.rights.AccessRights;
import xtremweb.server.certification.ReplicationPolicy;
import xtremweb.server.db.Jdbc;

/** The apps table; binaries come from {@link AppBinaryRepository}. */
public final class AppRepository {
    private static final String SELECT = "SELECT a.uid, a.name, a.owner_uid, u.usergroup_uid, a.access_rights, a.created,"
            + " a.quorum, a.initial_copies, a.max_results, a.max_errors, a.comparator, a.adaptive FROM apps a LEFT JOIN users u ON u.uid = a.owner_uid";
    private final AppBinaryRepository binaries;

    public AppRepository(AppBinaryRepository binaries) {
        this.binaries = binaries;
    }

    public void insert(Connection c, AppRow app) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO apps (uid, name, owner_uid, access_rights, created) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, app.uid());
            ps.setString(2, app.name());
            ps.setString(3, app.ownerUid());
            ps.setInt(4, app.rights().bits());
            Jdbc.setInstant(ps, 5, app.created());
            ps.executeUpdate();
        }
        setReplication(c, app.uid(), app.replication());
        for (var binary : app.binaries()) {
            binaries.insert(c, app.uid(), binary);
        }
    }

    public Optional<AppRow> byUid(Connection c, String uid) throws SQLException {
        return one(c, SELECT + " WHERE a.uid = ? AND a.deleted = FALSE", uid);
    }

    public Optional<AppRow> byName(Connection c, String name) throws SQLException {
        return one(c, SELECT + " WHERE a.name = ? AND a.deleted = FALSE", name);
    }

    /**
     * The app of this name in any case, not deleted: 'ApptEst' beside 'apptest' would be two apps
     * nobody tells apart (MariaDB's usual collation already finds one for the other, H2 did not).
     * The one spelt exactly so first.
     */
    public Optional<AppRow> byNameInAnyCase(Connection c, String name) throws SQLException {
        Optional<AppRow> exact = byName(c, name);
        return exact.isPresent() ? exact
                : one(c, SELECT + " WHERE LOWER(a.name) = LOWER(?) AND a.deleted = FALSE ORDER BY a.created", name);
    }

    /** Any app name ever used, deleted or not, in any case: names stay unique across history. */
    public boolean nameTaken(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM apps WHERE LOWER(name) = LOWER(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /** The replication policy the app's works start from (those submitted from now on). */
    public void setReplication(Connection c, String uid, ReplicationPolicy p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE apps SET quorum = ?, initial_copies = ?, max_results = ?,"
                + " max_errors = ?, comparator = ?, adaptive = ? WHERE uid = ?")) {
            ps.setInt(1, p.quorum());
            ps.setInt(2, p.initialCopies());
            ps.setInt(3, p.maxResults());
            ps.setInt(4, p.maxErrors());
            ps.setString(5, p.comparator());
            ps.setBoolean(6, p.adaptive());
            ps.setString(7, uid);
            ps.executeUpdate();
        }
    }

    public boolean markDeleted(Connection c, String uid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE apps SET deleted = TRUE WHERE uid = ? AND deleted = FALSE")) {
            ps.setString(1, uid);
            return ps.executeUpdate() == 1;
        }
    }

    public List<AppRow> all(Connection c) throws SQLException {
        List<AppRow> apps = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE a.deleted = FALSE ORDER BY a.name"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                apps.add(map(c, rs));
            }
        }
        return apps;
    }

    private Optional<AppRow> one(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(c, rs)) : Optional.empty();
            }
        }
    }

    private AppRow map(Connection c, ResultSet rs) throws SQLException {
        String uid = rs.getString("uid");
        return new AppRow(uid, rs.getString("name"), rs.getString("owner_uid"), rs.getString("usergroup_uid"),
                new AccessRights(rs.getInt("access_rights")), Jdbc.getInstant(rs, "created"), binaries.of(c, uid),
                new ReplicationPolicy(rs.getInt("quorum"), rs.getInt("initial_copies"), rs.getInt("max_results"),
                        rs.getInt("max_errors"), rs.getString("comparator"), rs.getBoolean("adaptive")));
    }
}
