package xtremweb.server.work;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Wakes the clients waiting for works to end ({@code GET /api/v1/works/{uid}?waitSeconds=},
 * {@code POST /api/v1/works/await}) when this process commits a COMPLETED or ERROR status, instead of
 * each client asking once a second. Only the waiters of that work are woken. A work ended by another
 * server is seen at the waiter's next look ({@link #LOOK}), so waiting is never less accurate than
 * polling was.
 */
public final class WorkEnds {
    /** How often a waiter reads its works again anyway: another server, or the reaper, may have ended one. */
    public static final Duration LOOK = Duration.ofSeconds(1);
    /** Works a waiter reads again each {@link #LOOK}: one waiting for more looks less often. */
    static final int LOOKED_AT_ONCE = 1000;
    /** Per work, the watches that wait for it; a work nobody waits for has no entry. */
    private final Map<String, Set<Watch>> waiting = new ConcurrentHashMap<>();

    /** Called once a work's final status is committed. */
    void ended(String workUid) {
        Set<Watch> watches = waiting.remove(workUid);
        if (watches != null) {
            watches.forEach(w -> w.wake(workUid));
        }
    }

    /**
     * Registers interest in the works before their status is read (so an end between the read and
     * the wait is not missed); close the watch once done, in try-with-resources, so that no entry
     * outlives the wait.
     */
    public Watch watch(Collection<String> workUids) {
        Watch watch = new Watch(List.copyOf(new HashSet<>(workUids)));
        for (String uid : watch.uids) {
            // Changed under the map's lock for this work, so ended() takes a set nobody changes any more.
            waiting.compute(uid, (k, watches) -> {
                Set<Watch> all = watches == null ? new HashSet<>() : watches;
                all.add(watch);
                return all;
            });
        }
        return watch;
    }

    /** Works being waited for now, for the metrics and tests. */
    public int watched() {
        return waiting.size();
    }

    /** One waiter's interest in some works: one future, completed when any of them ends here. */
    public final class Watch implements AutoCloseable {
        private final List<String> uids;
        /** The watched works whose end this server committed, not yet taken by {@link #awaitEnds}. */
        private final LinkedBlockingQueue<String> endedHere = new LinkedBlockingQueue<>();

        private Watch(List<String> uids) {
            this.uids = uids;
        }

        private void wake(String workUid) {
            endedHere.add(workUid);
        }

        /**
         * As {@link #await}, answering the watched works whose end this server committed since the
         * last call (each once; empty when the wait ended by time, at a look): a waiter woken reads
         * those, not every work it watches. One watch serves a whole wait, so no end is missed
         * between two of its turns.
         */
        public Set<String> awaitEnds(Duration timeout) throws InterruptedException {
            long look = LOOK.toNanos() * Math.max(1, (uids.size() + LOOKED_AT_ONCE - 1) / LOOKED_AT_ONCE);
            String first = endedHere.poll(Math.min(timeout.toNanos(), look), TimeUnit.NANOSECONDS);
            if (first == null) {
                return Set.of();
            }
            Set<String> ended = new HashSet<>();
            ended.add(first);
            for (String more = endedHere.poll(); more != null; more = endedHere.poll()) {
                ended.add(more);
            }
            return ended;
        }

        /**
         * Waits until one of the works ends here or {@code timeout} passes, at most {@link #LOOK}
         * for up to {@link #LOOKED_AT_ONCE} works and a look more for each {@link #LOOKED_AT_ONCE}
         * beyond: every look reads all the watched works again (for ends recorded by another
         * server), and a wait for 10,000 works must not read 10,000 rows a second.
         */
        public void await(Duration timeout) throws InterruptedException {
            // Either way the caller reads its works again.
            awaitEnds(timeout);
        }

        @Override
        public void close() {
            for (String uid : uids) {
                waiting.computeIfPresent(uid, (k, watches) -> {
                    watches.remove(this);
                    return watches.isEmpty() ? null : watches;
                });
            }
        }
    }
}
