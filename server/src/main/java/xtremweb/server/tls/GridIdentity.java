package xtremweb.server.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xtremweb.server.db.Jdbc;

/**
 * One identity for all the servers of a grid: workers and clients pin one certificate
 * ({@code path.certfile}) and may be sent to any server (a list in {@code dispatcher.servers}, a
 * load balancer, a 421 naming the holder of some bytes), so every server must present it. The
 * first server to start on a database records its certificate's SHA-256 fingerprint there; a
 * server that presents another one says so loudly at start, with what to do, because its clients
 * would refuse it.
 */
public final class GridIdentity {
    private static final Logger LOG = LoggerFactory.getLogger(GridIdentity.class);
    private static final String NAME = "grid";

    /** What the database says about the grid's certificate, as seen by this server. */
    public record Verdict(boolean same, String recordedSha256, String recordedBy) {
    }

    private GridIdentity() {
    }

    /** Records or compares {@code certificate}; logs an error naming both fingerprints on a mismatch. */
    public static Verdict check(Jdbc jdbc, X509Certificate certificate, String self, java.nio.file.Path keystore, Instant now) {
        String mine = fingerprint(certificate);
        Verdict verdict = jdbc.tx("grid identity", c -> {
            Optional<String[]> recorded = read(c);
            if (recorded.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO grid_identity (name, certificate_sha256, server_address, recorded) VALUES (?, ?, ?, ?)")) {
                    ps.setString(1, NAME);
                    ps.setString(2, mine);
                    ps.setString(3, self);
                    Jdbc.setInstant(ps, 4, now);
                    ps.executeUpdate();
                    return new Verdict(true, mine, self);
                } catch (SQLIntegrityConstraintViolationException raced) {
                    recorded = Optional.empty(); // another server recorded it meanwhile: read below
                }
            }
            String[] row = recorded.isPresent() ? recorded.get() : read(c).orElseThrow();
            return new Verdict(row[0].equals(mine), row[0], row[1]);
        });
        if (verdict.same()) {
            LOG.info("grid certificate SHA-256 {} (recorded by {}): this server presents it", mine, verdict.recordedBy());
        } else {
            LOG.error("THIS SERVER'S CERTIFICATE IS NOT THE GRID'S: it presents SHA-256 {} but the grid's servers present {}"
                    + " (recorded by {}); workers and clients that pin the grid's certificate will refuse this server."
                    + " Copy the keystore of {} (XWkeyStore and its .pass file) over {} and restart, or, to move the whole"
                    + " grid to a new key, give clients and workers a path.certfile holding both certificates first",
                    mine, verdict.recordedSha256(), verdict.recordedBy(), verdict.recordedBy(), keystore);
        }
        return verdict;
    }

    private static Optional<String[]> read(java.sql.Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT certificate_sha256, server_address FROM grid_identity WHERE name = ?")) {
            ps.setString(1, NAME);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2)}) : Optional.empty();
            }
        }
    }

    /** Lower-case hex SHA-256 of the certificate's DER encoding, as {@code openssl x509 -fingerprint -sha256} shows it (without colons). */
    public static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint the server certificate: " + e.getMessage(), e);
        }
    }
}
