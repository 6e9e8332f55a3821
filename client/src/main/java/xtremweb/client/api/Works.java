package xtremweb.client.api;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwConnectException;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.RightsChange;
import xtremweb.common.wire.WorkAwait;
import xtremweb.common.wire.WorkBatch;
import xtremweb.common.wire.WorkBatchResult;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.common.wire.WorkView;

/** Works (jobs): submit one or a sweep, list, follow, delete. */
public final class Works {
    /** The most works one round of {@link #awaitEach} waits for (the server allows {@link WorkAwait#MAX_WORKS}). */
    static final int WINDOW = 1000;
    private static final String WORKS = Connection.API + "/works";
    private final Connection connection;
    /** False once the server has shown it has no {@code POST /works/await} (one from before it): then work by work. */
    private volatile boolean awaitsMany = true;

    Works(Connection connection) {
        this.connection = connection;
    }

    public WorkView submit(WorkSubmit submit) {
        // A cut answer is sent again with the same Idempotency-Key: the server does not submit it twice.
        return connection.http.postCreating(WORKS, submit, WorkView.class);
    }

    /**
     * Submits many jobs sharing {@code common} (a parameter sweep) in as few requests as the
     * server's body limit allows; returns the new works' UIDs in the jobs' order. Each request is
     * all or nothing; should a later one be refused, the UIDs of the earlier ones are in the error.
     */
    public List<String> submitBatch(WorkSubmit common, List<WorkBatch.Job> jobs) {
        List<String> uids = new ArrayList<>(jobs.size());
        java.util.ArrayDeque<List<WorkBatch.Job>> batches = new java.util.ArrayDeque<>(Batches.split(jobs, Batches.JOB_BYTES, WorkBatch.MAX_JOBS));
        while (!batches.isEmpty()) {
            List<WorkBatch.Job> batch = batches.poll();
            try {
                uids.addAll(connection.http.postCreating(WORKS + "/batch", new WorkBatch(common, batch), WorkBatchResult.class).uids());
            } catch (XwApiException e) {
                if (e.status() == 413 && "too-many-copies".equals(e.code()) && batch.size() > 1) {
                    // The app's replication makes this many jobs more works and copies than one request
                    // may create (nothing was): sent again as two halves, in order.
                    batches.addFirst(batch.subList(batch.size() / 2, batch.size()));
                    batches.addFirst(batch.subList(0, batch.size() / 2));
                    continue;
                }
                if (uids.isEmpty()) {
                    throw e;
                }
                throw new XwApiException(e.status(), e.code(), e.getMessage() + "; " + partly(uids, jobs.size(), false));
            } catch (XwConnectException e) {
                // The server killed or restarting between two requests of one sweep: the user must
                // know which works it holds, or sending the sweep again duplicates them.
                if (uids.isEmpty()) {
                    throw e;
                }
                throw new XwConnectException(e.reason(), e.getMessage() + "; " + partly(uids, jobs.size(), true), e);
            }
        }
        return uids;
    }

    /** What stays of a sweep cut after {@code uids}: which works were submitted, and what to send again. */
    private static String partly(List<String> uids, int total, boolean answerLost) {
        return "the first " + uids.size() + " of the " + total + " works were submitted and stay, the other " + (total - uids.size())
                + " were not" + (answerLost ? " (unless the server took the request it did not answer: xwworks shows what it holds)" : "")
                + "; send only those again. Submitted: " + String.join(" ", uids);
    }

    /** The caller's works (all for a SUPER_USER), narrowed to a status, a session and a group when given. */
    public List<WorkView> list(Optional<WorkStatus> status, Optional<String> sessionUid, Optional<String> groupUid) {
        List<String> query = new ArrayList<>();
        status.ifPresent(s -> query.add("status=" + s.name()));
        sessionUid.ifPresent(s -> query.add("session=" + Connection.segment(s)));
        groupUid.ifPresent(g -> query.add("group=" + Connection.segment(g)));
        return connection.http.get(WORKS + (query.isEmpty() ? "" : "?" + String.join("&", query)),
                new TypeReference<List<WorkView>>() { });
    }

    /**
     * Every work of the listing, page after page (a page holds at most
     * {@link WorkView#LISTED_AT_MOST}), up to {@code atMost}. {@code complete} is false when works
     * were left out: beyond {@code atMost}, or from a server too old to give a next page.
     */
    public Listing listAll(Optional<WorkStatus> status, Optional<String> sessionUid, Optional<String> groupUid, int atMost) {
        List<String> query = new ArrayList<>();
        status.ifPresent(s -> query.add("status=" + s.name()));
        sessionUid.ifPresent(s -> query.add("session=" + Connection.segment(s)));
        groupUid.ifPresent(g -> query.add("group=" + Connection.segment(g)));
        List<WorkView> all = new ArrayList<>();
        String first = null;
        while (true) {
            List<String> page = new ArrayList<>(query);
            if (!all.isEmpty()) {
                page.add("after=" + Connection.segment(all.get(all.size() - 1).uid()));
            }
            List<WorkView> works = connection.http.get(WORKS + (page.isEmpty() ? "" : "?" + String.join("&", page)),
                    new TypeReference<List<WorkView>>() { });
            if (!works.isEmpty() && works.get(0).uid().equals(first)) {
                // a server of an earlier version ignores "after" and answers the first page again
                return new Listing(all, false);
            }
            if (!works.isEmpty() && first == null) {
                first = works.get(0).uid();
            }
            all.addAll(works);
            boolean more = works.size() >= WorkView.LISTED_AT_MOST;
            if (!more && all.size() <= atMost) {
                return new Listing(all, true);
            }
            if (all.size() >= atMost) {
                return new Listing(List.copyOf(all.subList(0, atMost)), false);
            }
        }
    }

    /** A listing of works, and whether it holds every work asked for. */
    public record Listing(List<WorkView> works, boolean complete) {
    }

    public List<WorkView> list(Optional<WorkStatus> status) {
        return list(status, Optional.empty(), Optional.empty());
    }

    public WorkView get(String uid) {
        return connection.http.get(WORKS + "/" + Uids.require(uid), WorkView.class);
    }

    public void delete(String uid) {
        connection.http.delete(WORKS + "/" + Uids.require(uid));
    }

    /** Changes a work's access rights; the server ANDs them with its app's. Its owner or a SUPER_USER. */
    public WorkView chmod(String uid, String rights) {
        return connection.http.put(WORKS + "/" + Uids.require(uid) + "/rights", new RightsChange(rights), WorkView.class);
    }

    /** The longest the client asks the server to hold one wait (the server caps it at 60 s). */
    private static final Duration LONG_POLL = Duration.ofSeconds(30);

    /**
     * Waits until the work is COMPLETED or ERROR, or {@code timeout} has passed; returns its last
     * known state either way. The server holds each request until the work ends (a long poll of up
     * to 30 s, {@code GET /works/{uid}?waitSeconds=}), so the end is seen at once and a long wait
     * costs a request every 30 s instead of one a second. A server that answers at once anyway (one
     * from before long polls ignores the parameter) is asked again after the loop delay, as before.
     */
    public WorkView awaitFinal(String uid, Duration timeout, Clock clock) {
        Instant deadline = clock.instant().plus(timeout);
        WorkView work = throughOutages(() -> get(uid), deadline, clock);
        while (!work.status().isFinal() && clock.instant().isBefore(deadline)) {
            Duration left = Duration.between(clock.instant(), deadline);
            long wait = Math.max(1, Math.min(LONG_POLL.toSeconds(), left.toSeconds()));
            long asked = System.nanoTime();
            work = throughOutages(() -> connection.http.getWaiting(WORKS + "/" + Uids.require(uid) + "?waitSeconds=" + wait,
                    WorkView.class, Duration.ofSeconds(wait)), deadline, clock);
            Duration held = Duration.ofNanos(System.nanoTime() - asked);
            if (!work.status().isFinal() && held.compareTo(connection.loopDelay) < 0) {
                try {
                    Thread.sleep(connection.loopDelay.minus(held));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return work;
                }
            }
        }
        return work;
    }

    /**
     * Those of the works (at most {@link WorkAwait#MAX_WORKS}) that have ended (COMPLETED or
     * ERROR), as soon as one has, or none once {@code timeout} (at most 30 s a request; zero only
     * reads) has passed: one long poll for them all ({@code POST /works/await}). A work that does
     * not exist or that the caller may not read fails the whole call with 404 {@code work-not-found}.
     */
    public List<WorkView> awaitAny(Collection<String> uids, Duration timeout) {
        if (uids.size() > WorkAwait.MAX_WORKS) {
            throw new IllegalArgumentException("one call waits for at most " + WorkAwait.MAX_WORKS + " works, not " + uids.size()
                    + "; use awaitEach");
        }
        long seconds = Math.min(LONG_POLL.toSeconds(), Math.max(0, timeout.plusMillis(999).toSeconds()));
        return List.of(connection.http.postWaiting(WORKS + "/await", new WorkAwait(uids.stream().map(Uids::require).toList(),
                (int) seconds), WorkView[].class, Duration.ofSeconds(seconds)));
    }

    /**
     * Waits for all the works together until {@code timeout} has passed, handing each to
     * {@code ended} as soon as it has ended (in the order they end), so that its result can be
     * fetched while the others run. Each request is one long poll ({@link #awaitAny}) for the first
     * {@link #WINDOW} works not ended yet: a sweep's wait costs a request per batch of ends, not per work. A server
     * without that call (older: it answers 405 or 404 {@code not-found}) is waited for work by work
     * ({@link #awaitFinal}). Answers the UIDs of the works not ended in time, in the given order.
     */
    public List<String> awaitEach(Collection<String> uids, Duration timeout, Clock clock, Consumer<WorkView> ended) {
        return awaitEachTogether(uids, timeout, clock, together -> together.forEach(ended));
    }

    /**
     * As {@link #awaitEach}, handing over together the works each answer found ended (in the order
     * they ended), so that their results can be fetched in one call ({@link Data#downloadContents}).
     */
    public List<String> awaitEachTogether(Collection<String> uids, Duration timeout, Clock clock, Consumer<List<WorkView>> ended) {
        Instant deadline = clock.instant().plus(timeout);
        LinkedHashSet<String> left = new LinkedHashSet<>();
        uids.forEach(uid -> left.add(Uids.require(uid)));
        while (!left.isEmpty() && awaitsMany) {
            Duration wait = Duration.between(clock.instant(), deadline);
            long asked = System.nanoTime();
            List<WorkView> now;
            try {
                now = throughOutages(() -> awaitSome(List.copyOf(left), wait.isNegative() ? Duration.ZERO : wait), deadline, clock);
            } catch (XwApiException e) {
                if (!(e.status() == 405 || e.status() == 404 && "not-found".equals(e.code()))) {
                    throw e;
                }
                awaitsMany = false;
                break;
            }
            List<WorkView> together = now.stream().filter(work -> left.remove(work.uid())).toList();
            if (!together.isEmpty()) {
                ended.accept(together);
            }
            if (now.isEmpty() && !clock.instant().isBefore(deadline)) {
                return List.copyOf(left);
            }
            pace(now.isEmpty(), asked);
        }
        for (String uid : List.copyOf(left)) {
            Duration wait = Duration.between(clock.instant(), deadline);
            WorkView work = awaitFinal(uid, wait.isNegative() ? Duration.ZERO : wait, clock);
            if (work.status().isFinal()) {
                left.remove(uid);
                ended.accept(List.of(work));
            }
        }
        return List.copyOf(left);
    }

    /**
     * One round: a long poll for the first {@link #WINDOW} works not ended yet (a sweep's works end
     * roughly in the order they were given). The server reads every work of a call each time it is
     * asked and each second it waits, so waiting for ten thousand at once would read ten thousand
     * rows for every end; works beyond the window are waited for as it slides on (those that ended
     * meanwhile are answered at once when they enter it).
     */
    private List<WorkView> awaitSome(List<String> uids, Duration wait) {
        return awaitAny(uids.subList(0, Math.min(uids.size(), WINDOW)), wait);
    }

    /** A server that answered an empty wait at once (it should not) is asked again after the loop delay, not at once. */
    private void pace(boolean nothing, long askedNanos) {
        Duration held = Duration.ofNanos(System.nanoTime() - askedNanos);
        if (nothing && held.compareTo(connection.loopDelay) < 0) {
            try {
                Thread.sleep(connection.loopDelay.minus(held));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for works", e);
            }
        }
    }

    private <T> T throughOutages(Supplier<T> call, Instant deadline, Clock clock) {
        return Outages.waitThrough(connection, call, deadline, clock);
    }
}
