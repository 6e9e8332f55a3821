package xtremweb.server.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random secrets and their SHA-256, for tokens and first-start passwords. */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    // Never used itself, only cloned (a MessageDigest is not thread-safe).
    private static final MessageDigest SHA256 = newDigest();

    private Secrets() {
    }

    /** {@code bytes} random bytes as URL-safe base64 without padding. */
    public static String random(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    public static byte[] randomBytes(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return raw;
    }

    public static String sha256Hex(String secret) {
        return HexFormat.of().formatHex(digest().digest(secret.getBytes(StandardCharsets.UTF_8)));
    }

    /** Constant-time comparison of two hex digests, so timing reveals nothing about a stored hash. */
    public static boolean sameDigest(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    /** A fresh SHA-256 digest. */
    public static MessageDigest digest() {
        try {
            // Every authenticated request hashes its token to find it in the cache: a clone skips
            // getInstance's search through the security providers (JFR, issue 15).
            return (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            return newDigest();
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
