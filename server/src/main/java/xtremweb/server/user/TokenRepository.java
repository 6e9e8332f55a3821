package xtremweb.server.user;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import xtremweb.server.db.Jdbc;

/** The tokens table: SHA-256 of login tokens, never the tokens themselves. */
public final class TokenRepository {
    public void insert(Connection c, String tokenHash, String userUid, Instant created, Instant expires) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO tokens (token_hash, user_uid, created, expires, revoked) VALUES (?, ?, ?, ?, FALSE)")) {
            ps.setString(1, tokenHash);
            ps.setString(2, userUid);
            Jdbc.setInstant(ps, 3, created);
            Jdbc.setInstant(ps, 4, expires);
            ps.executeUpdate();
        }
    }

    /** The user of a token that is neither revoked nor expired at {@code now}. */
    /** A token that is neither revoked nor expired: whose it is and until when it is valid. */
    public record Valid(String userUid, Instant expires) {
    }

    public Optional<Valid> valid(Connection c, String tokenHash, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT user_uid, expires FROM tokens WHERE token_hash = ? AND revoked = FALSE AND expires > ?")) {
            ps.setString(1, tokenHash);
            Jdbc.setInstant(ps, 2, now);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Valid(rs.getString("user_uid"), Jdbc.getInstant(rs, "expires"))) : Optional.empty();
            }
        }
    }

    /** Revokes one token (logout); true if it was still valid. */
    public boolean revoke(Connection c, String tokenHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE tokens SET revoked = TRUE WHERE token_hash = ? AND revoked = FALSE")) {
            ps.setString(1, tokenHash);
            return ps.executeUpdate() == 1;
        }
    }

    /** Revokes every token of a user (the user was deleted); returns how many. */
    public int revokeAll(Connection c, String userUid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE tokens SET revoked = TRUE WHERE user_uid = ? AND revoked = FALSE")) {
            ps.setString(1, userUid);
            return ps.executeUpdate();
        }
    }
}
