package xtremweb.server.scheduler;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The owner key of an assignment ({@link xtremweb.common.wire.Assignment#ownerKey}): equal for the
 * tasks of one owner, so a worker may keep one sandbox for them, and telling a volunteer's machine
 * nothing about who the owner is. An HMAC of the owner's UID under a key drawn at each start: a
 * host cannot even check a guess; after a restart the keys change, which only costs new sandboxes.
 */
final class OwnerKeys {
    private final SecretKeySpec key;
    /**
     * Keys already computed, one per owner (a user's UID never changes): every assignment needs
     * one, and a new Mac is a provider search (about 1% of a busy server's samples).
     */
    private final Map<String, String> computed = new ConcurrentHashMap<>();

    OwnerKeys() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        key = new SecretKeySpec(secret, "HmacSHA256");
    }

    String of(String ownerUid) {
        return computed.computeIfAbsent(ownerUid, this::compute);
    }

    private String compute(String ownerUid) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(ownerUid.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
