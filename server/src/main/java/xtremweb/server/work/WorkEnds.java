package xtremweb.server.work;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Wakes the clients waiting for a work to end ({@code GET /api/v1/works/{uid}?waitSeconds=}) when
 * this process commits its COMPLETED or ERROR status, instead of each client asking once a second.
 * Only the waiters of that work are woken. A work ended by another server is seen at the waiter's
 * next look ({@link #LOOK}), so waiting is never less accurate than polling was.
 */
public final class WorkEnds {
    /** How often a waiter reads the work again anyway: another server, or the reaper, may have ended it. */
    public static final Duration LOOK = Duration.ofSeconds(1);
    private final Map<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

    /** Called once a work's final status is committed. */
    void ended(String workUid) {
        CompletableFuture<Void> waiters = waiting.remove(workUid);
        if (waiters != null) {
            waiters.complete(null);
        }
    }

    /**
     * Registers interest in the work before its status is read (so an end between the read and the
     * wait is not missed); {@link #await} then waits on what this returned.
     */
    public CompletableFuture<Void> watch(String workUid) {
        return waiting.computeIfAbsent(workUid, k -> new CompletableFuture<>());
    }

    /** Waits until the watched work ends here or {@code timeout} (at most {@link #LOOK}) passes. */
    public void await(String workUid, CompletableFuture<Void> watched, Duration timeout) throws InterruptedException {
        try {
            watched.get(Math.min(timeout.toNanos(), LOOK.toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // Nobody may be left waiting on it: do not keep an entry per work ever watched.
            waiting.remove(workUid, watched);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Works being waited for now, for the metrics and tests. */
    public int watched() {
        return waiting.size();
    }
}
