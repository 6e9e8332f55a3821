package xtremweb.server.http;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import xtremweb.server.refusal.Unavailable;

/**
 * Bounds the requests being answered at once. A surge (a grid's workers all coming back after a
 * restart, a client script gone wild) beyond the bound waits a moment for a place, then is shed
 * with 503 and a Retry-After of a few random seconds, so the callers come back spread out, instead
 * of every request piling onto the database pool and all of them timing out together.
 *
 * <p>Long polls are not counted while they wait (they hold no database connection then): the
 * handler does not ask for their place, see {@link #exempt}.
 */
public final class Admission {
    /** How long a request waits for a place before it is shed. */
    static final Duration QUEUE_WAIT = Duration.ofSeconds(1);
    /** When a caller refused because the server stops should come back (another server takes it meanwhile). */
    static final Duration STOPPING_RETRY = Duration.ofSeconds(5);
    private final Semaphore places;
    private final int max;
    /** Requests being answered now, bound or not: what a graceful stop waits for. */
    private final java.util.concurrent.atomic.AtomicInteger answering = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean stopping;

    /** @param max requests answered at once; 0 means unbounded */
    public Admission(int max) {
        this.max = max;
        this.places = max <= 0 ? null : new Semaphore(max);
    }

    public static Admission unbounded() {
        return new Admission(0);
    }

    /** Requests that wait for something to happen rather than use the server meanwhile. */
    static boolean exempt(String method, String path, String query) {
        return path.equals("/api/v1/worker/workrequest")
                || method.equals("GET") && path.startsWith("/api/v1/works/") && query != null && query.contains("waitSeconds=")
                || method.equals("POST") && path.equals("/api/v1/works/await");
    }

    /** Takes a place, waiting at most {@link #QUEUE_WAIT}; refuses with 503 when none frees. */
    void enter() throws InterruptedException {
        refuseWhileStopping();
        if (places != null && !places.tryAcquire(QUEUE_WAIT.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new Unavailable("overloaded", Duration.ofSeconds(ThreadLocalRandom.current().nextInt(1, 6)),
                    "the server is answering " + max + " requests already; try again in a few seconds");
        }
        // Counted before stopping is looked at again: a stop that saw 0 answering cannot miss this one.
        answering.incrementAndGet();
        if (stopping) {
            leave();
            refuseWhileStopping();
        }
    }

    void leave() {
        answering.decrementAndGet();
        if (places != null) {
            places.release();
        }
    }

    /**
     * An upload under way: it holds one of its caller's upload places, not one of these, but a
     * graceful stop waits for it all the same (its bytes are taken, not cut). Refused while stopping.
     */
    void enterUpload() {
        refuseWhileStopping();
        answering.incrementAndGet();
        if (stopping) {
            answering.decrementAndGet();
            refuseWhileStopping();
        }
    }

    /** The upload counted by {@link #enterUpload} is answered. */
    void leaveUpload() {
        answering.decrementAndGet();
    }

    /** A request (a long poll too) arriving while the server stops: 503 with Retry-After, nothing done. */
    void refuseWhileStopping() {
        if (stopping) {
            throw new Unavailable("stopping", STOPPING_RETRY, "the server is stopping; send this again in a few seconds"
                    + " (to another server of the grid, if there is one)");
        }
    }

    /**
     * Starts a graceful stop: from now on new requests are refused (503 {@code stopping}), and this
     * waits, at most {@code grace}, for those being answered to end, so an upload or a result under
     * way when the operator stops the server is taken, not cut. Long polls are not waited for: they
     * hold nothing, and their callers ask again. Returns the requests still answered at the end.
     */
    public int stop(Duration grace) throws InterruptedException {
        stopping = true;
        long deadline = System.nanoTime() + grace.toNanos();
        while (answering.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return answering.get();
    }

    /** Requests being answered now (for the metrics). */
    public int busy() {
        return places == null ? 0 : max - places.availablePermits();
    }
}
