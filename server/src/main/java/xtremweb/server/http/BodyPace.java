package xtremweb.server.http;

import java.time.Duration;

/**
 * How slowly a request body may arrive before the server stops waiting for it. Reading a body
 * holds a thread of a bounded pool (and, for most calls, a place of the admission limit): without a
 * pace, a few hundred connections each sending one byte a minute (a "slow POST", needing no
 * account) held every place until the connection idle timeout that long polls need, and the server
 * answered 503 to everybody, its probes included. While a body is read, the connection may stay
 * silent for {@code stall} at most, and once {@code grace} has passed the body must have arrived at
 * {@code minBytesPerSecond} on average; a body falling behind is cut (the client is told 400 if it
 * still listens) and its thread freed.
 */
public record BodyPace(Duration stall, Duration grace, long minBytesPerSecond) {
    /**
     * Lenient enough for a volunteer's slow uplink (1 KiB/s is a 1990s modem), strict enough that a
     * thread held by a trickle is free again within about 40 s.
     */
    public static final BodyPace DEFAULT = new BodyPace(Duration.ofSeconds(20), Duration.ofSeconds(20), 1024);

    public BodyPace {
        if (stall.isNegative() || stall.isZero() || grace.isNegative() || minBytesPerSecond < 0) {
            throw new IllegalArgumentException("a body pace needs a positive stall, a grace and a rate of 0 or more");
        }
    }

    /** Whether {@code bytes} received in {@code elapsedNanos} since the body started is too slow. */
    boolean behind(long bytes, long elapsedNanos) {
        return elapsedNanos > grace.toNanos() && (double) bytes * 1_000_000_000L / elapsedNanos < minBytesPerSecond;
    }
}
