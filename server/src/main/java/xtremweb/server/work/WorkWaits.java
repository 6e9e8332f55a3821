package xtremweb.server.work;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import xtremweb.common.model.Uid;
import xtremweb.common.wire.WorkAwait;
import xtremweb.server.db.Jdbc;
import xtremweb.server.policy.AccessPolicy;
import xtremweb.server.policy.Caller;
import xtremweb.server.refusal.InvalidInput;
import xtremweb.server.refusal.NotFound;

/**
 * Clients waiting for works to end, with a long poll instead of a request a second: for one work
 * ({@code GET /works/{uid}?waitSeconds=}) or for any of many ({@code POST /works/await}). Woken by
 * this server's commit of an end ({@link WorkEnds}), and reading the works again every
 * {@link WorkEnds#LOOK} for ends recorded by another server.
 */
final class WorkWaits {
    private final Jdbc jdbc;
    private final WorkRepository works;
    private final AccessPolicy policy;

    WorkWaits(Jdbc jdbc, WorkRepository works, AccessPolicy policy) {
        this.jdbc = jdbc;
        this.works = works;
        this.policy = policy;
    }

    /** The work once it has ended, or as it is when {@code wait} (capped at {@link WorkService#MAX_WAIT}) has passed. */
    WorkRow awaitEnd(Caller caller, String uid, Duration wait) throws InterruptedException {
        return await(caller, List.of(uid), wait).get(0);
    }

    /**
     * Those of the works that have ended, as soon as one has; none when the wait (capped at
     * {@link WorkService#MAX_WAIT}) has passed first.
     */
    List<WorkRow> awaitAnyEnd(Caller caller, WorkAwait request) throws InterruptedException {
        List<String> uids = checked(request);
        long deadline = System.nanoTime() + Math.min(Duration.ofSeconds(request.waitSeconds()).toNanos(), WorkService.MAX_WAIT.toNanos());
        // One watch for the whole wait, registered before the first read so no end is missed. Every
        // work is glanced at once (its access and status: a sweep's waiter names hundreds); then
        // only the ended ones are read: those whose end here woke the wait, or at a look (an end
        // on another server) those the database says ended. Whole rows only for the answer.
        try (WorkEnds.Watch watch = works.ends().watch(uids)) {
            List<String> ended = ended(caller, uids);
            while (true) {
                if (!ended.isEmpty()) {
                    List<WorkRow> rows = visible(caller, ended).stream().filter(w -> w.status().isFinal()).toList();
                    if (!rows.isEmpty()) {
                        return rows;
                    }
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return List.of();
                }
                Set<String> endedHere = watch.awaitEnds(Duration.ofNanos(remaining));
                Set<String> now = endedHere.isEmpty() ? Set.copyOf(jdbc.tx("look for ended works", c -> works.endedAmong(c, uids)))
                        : endedHere;
                ended = uids.stream().filter(now::contains).toList();
            }
        }
    }

    /**
     * Those of {@code uids} that have ended, in their order, from a glance at each; one the caller
     * may not read, deleted or unknown refuses the whole call as {@link #visible} does.
     */
    private List<String> ended(Caller caller, List<String> uids) {
        Map<String, WorkRepository.Glance> byUid = jdbc.tx("glance at works", c -> works.glances(c, uids)).stream()
                .collect(Collectors.toMap(WorkRepository.Glance::uid, Function.identity()));
        List<String> ended = new ArrayList<>();
        for (String uid : uids) {
            WorkRepository.Glance glance = byUid.get(uid);
            if (glance == null || glance.deleted() || !policy.mayRead(caller, glance.owned())) {
                throw new NotFound("work-not-found", "no work " + uid + " visible to you; list yours with xwworks");
            }
            if (glance.status().isFinal()) {
                ended.add(uid);
            }
        }
        return ended;
    }

    /** The request's UIDs, lower case and each once, or a refusal naming the first mistake. */
    private static List<String> checked(WorkAwait request) {
        if (request.waitSeconds() < 0) {
            throw new InvalidInput("bad-waitSeconds", "waitSeconds=" + request.waitSeconds() + " is not a whole number of seconds"
                    + " (0 or more; waits longer than " + WorkService.MAX_WAIT.toSeconds() + " s are shortened to that)");
        }
        if (request.uids().isEmpty()) {
            throw new InvalidInput("no-works", "uids is empty: name the works to wait for");
        }
        if (request.uids().size() > WorkAwait.MAX_WORKS) {
            throw new InvalidInput("too-many-works", "uids names " + request.uids().size() + " works, more than the "
                    + WorkAwait.MAX_WORKS + " one call may wait for; wait for them in several calls");
        }
        LinkedHashSet<String> uids = new LinkedHashSet<>();
        for (int i = 0; i < request.uids().size(); i++) {
            String uid = request.uids().get(i);
            if (!Uid.isUid(uid)) {
                throw new InvalidInput("bad-uid", "uids[" + i + "] is " + (uid == null ? "null" : "'" + uid + "'")
                        + ", not a UID (like 0b6c1a0e-6f7e-4c55-9d0a-2f1d8c3b4a59)");
            }
            // UIDs are stored in lower case; MariaDB would match any case, H2 only that one.
            uids.add(uid.toLowerCase(Locale.ROOT));
        }
        return List.copyOf(uids);
    }

    /** The works as they are once one has ended or the wait has passed, in the order of {@code uids}. */
    private List<WorkRow> await(Caller caller, List<String> uids, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + Math.min(wait.toNanos(), WorkService.MAX_WAIT.toNanos());
        while (true) {
            try (WorkEnds.Watch watch = works.ends().watch(uids)) {
                List<WorkRow> read = visible(caller, uids);
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0 || read.stream().anyMatch(w -> w.status().isFinal())) {
                    return read;
                }
                watch.await(Duration.ofNanos(remaining));
            }
        }
    }

    /**
     * The works, read in one statement per {@link WorkRepository#UIDS_PER_STATEMENT}; one the caller
     * may not read, deleted or unknown refuses the whole call with what {@code GET /works/{uid}}
     * answers for it, so a wait tells no more than a read.
     */
    private List<WorkRow> visible(Caller caller, List<String> uids) {
        Map<String, WorkRow> byUid = jdbc.tx("find works", c -> works.byUids(c, uids)).stream()
                .collect(Collectors.toMap(WorkRow::uid, Function.identity()));
        List<WorkRow> read = new ArrayList<>(uids.size());
        for (String uid : uids) {
            WorkRow work = byUid.get(uid);
            if (work == null || work.deleted() || !policy.mayRead(caller, work.owned())) {
                throw new NotFound("work-not-found", "no work " + uid + " visible to you; list yours with xwworks");
            }
            read.add(work);
        }
        return read;
    }
}
