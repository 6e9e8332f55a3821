package xtremweb.worker.server;

import java.time.Duration;

/**
 * Capped exponential back-off (1 s, 2 s, 4 s ... 30 s): a grid of thousands of workers must not
 * hammer a server that is restarting. Each delay is shortened by a random quarter at most (jitter),
 * so the workers of a server that died do not all come back to the next one in the same instant.
 * Not thread-safe; one per retrying loop.
 */
public final class Backoff {
    public static final Duration INITIAL = Duration.ofSeconds(1);
    public static final Duration MAX = Duration.ofSeconds(30);

    private final Duration initial;
    private final Duration max;
    private Duration next;
    private Duration current;

    public Backoff() {
        this(INITIAL, MAX);
    }

    public Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** The delay to wait now; the following one doubles, up to the cap. */
    public Duration next() {
        long jitter = next.toMillis() / 4;
        current = jitter == 0 ? next : next.minusMillis(java.util.concurrent.ThreadLocalRandom.current().nextLong(jitter + 1));
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return current;
    }

    /** The delay last returned by {@link #next()} (the initial one before any). */
    public Duration current() {
        return current == null ? initial : current;
    }

    public void reset() {
        current = null;
        next = initial;
    }
}
