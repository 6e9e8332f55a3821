package xtremweb.server.user;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import xtremweb.common.model.UserRights;
import xtremweb.server.db.Jdbc;

/** The users table. */
public final class UserRepository {
    private static final String COLUMNS = "uid, login, password_hash, email, rights, usergroup_uid, created, dn";

    public void insert(Connection c, UserRow user) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, user.uid());
            ps.setString(2, user.login());
            ps.setString(3, user.passwordHash());
            ps.setString(4, user.email());
            ps.setString(5, user.rights().name());
            ps.setString(6, user.usergroupUid());
            Jdbc.setInstant(ps, 7, user.created());
            ps.setString(8, user.dn());
            ps.executeUpdate();
        }
    }

    public long count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM users"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The live user of this login whatever its capitals ({@code ADMIN} is {@code admin}, as logins are
     * unique), on every database alike: H2 compares exactly, while MySQL's and MariaDB's default
     * collations also took {@code 'admin '} and {@code 'ádmin'} for {@code admin}, so each such
     * spelling logged in as that user and got five more password guesses past the login throttle.
     */
    public Optional<UserRow> byLogin(Connection c, String login) throws SQLException {
        String wanted = login.toLowerCase(Locale.ROOT);
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE LOWER(login) = LOWER(?) AND deleted = FALSE")) {
            ps.setString(1, login);
            return many(ps).stream().filter(u -> u.login().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
        }
    }

    /** A user that is not deleted: a deleted user's tokens and hosts stop working with this. */
    public Optional<UserRow> byUid(Connection c, String uid) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM users WHERE uid = ? AND deleted = FALSE", uid);
    }

    /** The user a certificate subject (canonical slash form) logs in as. */
    public Optional<UserRow> byDn(Connection c, String dn) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM users WHERE dn = ? AND deleted = FALSE", dn);
    }

    /** The login of the user that has this DN, if any: a DN maps to exactly one user. */
    public Optional<String> loginWithDn(Connection c, String dn) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT login FROM users WHERE dn = ?")) {
            ps.setString(1, dn);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Any login ever used, deleted or not: logins stay unique across history. */
    /**
     * Whether a user has (or had) this login, case aside: "ALICE" and "alice" are one person to
     * whoever reads a listing, and MariaDB's usual collation already says so while H2's does not.
     */
    public boolean loginTaken(Connection c, String login) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM users WHERE LOWER(login) = LOWER(?)")) {
            ps.setString(1, login);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    public List<UserRow> all(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE deleted = FALSE ORDER BY login")) {
            return many(ps);
        }
    }

    /**
     * The login of each of these users, deleted ones too (a deleted owner's data outlives it), for
     * listings that people read; UIDs that are no user are left out.
     */
    public Map<String, String> loginsOf(Connection c, Collection<String> uids) throws SQLException {
        return NamesByUid.read(c, "SELECT uid, login FROM users WHERE uid IN ", uids);
    }

    public long membersOf(Connection c, String usergroupUid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM users WHERE usergroup_uid = ? AND deleted = FALSE")) {
            ps.setString(1, usergroupUid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Marks the user deleted; its DN is released, so that a new account may be given that certificate. */
    public boolean markDeleted(Connection c, String uid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE users SET deleted = TRUE, dn = NULL WHERE uid = ? AND deleted = FALSE")) {
            ps.setString(1, uid);
            return ps.executeUpdate() == 1;
        }
    }

    private static Optional<UserRow> one(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            return many(ps).stream().findFirst();
        }
    }

    private static List<UserRow> many(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<UserRow> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new UserRow(rs.getString("uid"), rs.getString("login"), rs.getString("password_hash"),
                        rs.getString("email"), UserRights.valueOf(rs.getString("rights")), rs.getString("usergroup_uid"),
                        Jdbc.getInstant(rs, "created"), rs.getString("dn")));
            }
            return rows;
        }
    }
}
