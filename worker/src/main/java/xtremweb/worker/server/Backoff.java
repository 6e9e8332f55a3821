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

    /**
     * A log line saying why the server was not reached and when it is tried again: "…; retrying in
     * 2 s", or after a reason that ends its own sentence (the client's "… are dispatcher.servers and
     * port.https right?") a new one, "… right? Retrying in 2 s", never "right?; retrying".
     */
    public static String retrying(String reason, Duration delay) {
        String text = reason == null ? "the server did not answer" : reason.strip();
        // Rounded, and at least 1 s when there is a wait: a first delay of 0.8 s read "Retrying in 0 s",
        // as if the worker did not wait at all.
        long seconds = delay.isZero() ? 0 : Math.max(1, Math.round(delay.toMillis() / 1000.0));
        String when = "etrying in " + seconds + " s";
        return text.endsWith("?") || text.endsWith(".") || text.endsWith("!") ? text + " R" + when : text + "; r" + when;
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
