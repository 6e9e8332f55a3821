package xtremweb.worker.server;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Capped exponential back-off (about 1 s, 2 s, 4 s ... 30 s): a grid of thousands of workers must
 * not hammer a server that is restarting. Each delay is jittered, between half the step and the
 * full step, so workers that lost the server at the same moment do not all come back in the same
 * second (and again at each doubling). Not thread-safe; one per retrying loop.
 */
public final class Backoff {
    public static final Duration INITIAL = Duration.ofSeconds(1);
    public static final Duration MAX = Duration.ofSeconds(30);

    private final Duration initial;
    private final Duration max;
    private final RandomGenerator random;
    private Duration step;
    private Duration current;

    public Backoff() {
        this(INITIAL, MAX);
    }

    public Backoff(Duration initial, Duration max) {
        this(initial, max, ThreadLocalRandom.current());
    }

    /** With a given source of randomness (tests). */
    public Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
        this.step = initial;
    }

    /** The delay to wait now, between half the step and the step; the step doubles, up to the cap. */
    public Duration next() {
        long nanos = step.toNanos();
        long half = nanos / 2;
        current = Duration.ofNanos(half + (nanos - half <= 0 ? 0 : random.nextLong(nanos - half + 1)));
        Duration doubled = step.multipliedBy(2);
        step = doubled.compareTo(max) > 0 ? max : doubled;
        return current;
    }

    /** The delay last returned by {@link #next()} (the initial one before any). */
    public Duration current() {
        return current == null ? initial : current;
    }

    public void reset() {
        current = null;
        step = initial;
    }
}
