package xtremweb.server.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import xtremweb.server.refusal.TooManyAttempts;

/**
 * Slows down whoever sprays tokens: every unknown token cost a database read, unthrottled, so one
 * client sending random tokens loaded the database for everybody. Counts the calls with an unknown
 * token per remote address (an IPv6 address by its /64, what one subscriber holds): past
 * {@link #FREE_FAILURES} in a {@link #WINDOW} (by default), a token from that address is looked up in memory only
 * (the tokens this server resolved lately, {@code Sessions.CACHE_TTL}) and any other is refused
 * with 429 until the window ends, without a database read. So an attacker never locks out a user
 * calling from another address, and a user sharing the attacker's address (a NAT, a TCP balancer in
 * front) keeps working while its token is in memory. A token found unknown is remembered for the
 * window too (its SHA-256, never the token): a worker left with a revoked token, asking again and
 * again, costs one read per window, not one per call.
 */
public final class FailedTokens {
    /** Unknown tokens one address may present in a window before it is refused: a few clients' mistakes, not a spray. */
    public static final int FREE_FAILURES = 30;
    public static final Duration WINDOW = Duration.ofMinutes(1);
    // Bounded memory whatever the number of addresses or tokens: Caffeine evicts the least useful entries.
    private static final int MAX_ENTRIES = 100_000;

    private record Failures(Instant windowStart, int count) {
    }

    private final int freeFailures;
    private final Duration window;
    private final Clock clock;
    private final Cache<String, Failures> byAddress;
    private final Cache<String, Boolean> unknownTokens;

    public FailedTokens(Clock clock) {
        this(FREE_FAILURES, WINDOW, clock);
    }

    public FailedTokens(int freeFailures, Duration window, Clock clock) {
        if (freeFailures < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("failed tokens need at least one free failure and a positive window");
        }
        this.freeFailures = freeFailures;
        this.window = window;
        this.clock = clock;
        this.byAddress = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).executor(Runnable::run).ticker(this::nanos)
                .expireAfterWrite(window).build();
        this.unknownTokens = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).executor(Runnable::run).ticker(this::nanos)
                .expireAfterWrite(window).build();
    }

    private long nanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Refuses (429) a token that would need a database read while {@code address} is over its failures. */
    void checkMayLookUp(String address) {
        Failures f = byAddress.getIfPresent(key(address));
        Instant now = clock.instant();
        if (f != null && f.count() >= freeFailures && now.isBefore(f.windowStart().plus(window))) {
            long seconds = Math.max(1, Duration.between(now, f.windowStart().plus(window)).toSeconds());
            throw new TooManyAttempts(Duration.ofSeconds(seconds), "too many calls with an unknown token from this address;"
                    + " try again in " + seconds + " s, and log in again if your token expired");
        }
    }

    /** Whether this token was found unknown lately: it is not looked up again. */
    boolean knownUnknown(String token) {
        return unknownTokens.getIfPresent(digest(token)) != null;
    }

    /** Counts a call from {@code address} whose token opened nothing; the token (when given) is not looked up again. */
    void failed(String address, String token) {
        if (token != null) {
            unknownTokens.put(digest(token), Boolean.TRUE);
        }
        Instant now = clock.instant();
        byAddress.asMap().compute(key(address), (k, old) -> old == null || !now.isBefore(old.windowStart().plus(window))
                ? new Failures(now, 1) : new Failures(old.windowStart(), old.count() + 1));
    }

    /** What is kept of a token: its SHA-256, never the token (it may be a password typed in the wrong place). */
    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The address as counted: an IPv6 address by its first 64 bits, one subscriber's whole prefix. */
    static String key(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return String.valueOf(address);
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress(); // a literal: no name look-up
            if (bytes.length != 16) {
                return address;
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                prefix.append(String.format("%02x", bytes[i]));
            }
            return prefix + "::/64";
        } catch (UnknownHostException | SecurityException e) {
            return address;
        }
    }
}
