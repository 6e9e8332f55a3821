package xtremweb.server.host;

import java.time.Instant;
import java.util.Optional;
import xtremweb.server.user.Secrets;

/**
 * A host token {@code xwh_<hostUid>.<secret>} as a worker presents it, read in one place for the
 * bearer token of worker calls and for the proof a re-registration carries. The server keeps only
 * the secret's SHA-256 ({@link HostRow#credentialHash()}).
 */
record HostToken(String hostUid, String secretHash) {
    static final String PREFIX = "xwh_";

    static Optional<HostToken> parse(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        return Optional.of(new HostToken(token.substring(PREFIX.length(), dot), Secrets.sha256Hex(token.substring(dot + 1))));
    }

    static String of(String hostUid, String secret) {
        return PREFIX + hostUid + "." + secret;
    }

    /** Whether this token is {@code host}'s current credential, still valid at {@code now}; compared in constant time. */
    boolean opens(HostRow host, Instant now) {
        return hostUid.equals(host.uid()) && Secrets.sameDigest(host.credentialHash(), secretHash) && host.credentialValid(now);
    }

    @Override
    public String toString() {
        return "HostToken[hostUid=" + hostUid + ", secret=***]";
    }
}
