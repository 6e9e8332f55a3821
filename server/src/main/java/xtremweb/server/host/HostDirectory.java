package xtremweb.server.host;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import xtremweb.server.cache.TtlCache;
import xtremweb.server.db.Jdbc;
import xtremweb.server.policy.Caller;
import xtremweb.server.refusal.Forbidden;
import xtremweb.server.refusal.Unauthenticated;

/**
 * The hosts as work requests and submissions need them, kept in memory: a polling host costs no
 * database read, only a liveness write every half alive period. Changes made here (re-registration,
 * xwactivate, benching) forget the entry at once; those made by another server show within
 * {@link #TTL}.
 */
public final class HostDirectory {
    static final Duration TTL = Duration.ofSeconds(10);
    // Submissions ask which platforms the grid has; a new host's platform may wait this long.
    static final Duration PLATFORMS_TTL = Duration.ofSeconds(5);
    private static final String PLATFORMS = "platforms";
    private final Jdbc jdbc;
    private final HostRepository hosts;
    private final Clock clock;
    private final Duration aliveEvery;
    private final TtlCache<String, HostRow> rows;
    private final TtlCache<String, Set<String>> platforms;
    // Hosts seen alive whose liveness is not written yet, with when.
    private final ConcurrentHashMap<String, Instant> seen = new ConcurrentHashMap<>();
    // When each host last called, pruned at each flush.
    private final ConcurrentHashMap<String, Instant> lastCall = new ConcurrentHashMap<>();
    private volatile Consumer<String> withdrawn = uid -> { };

    HostDirectory(Jdbc jdbc, HostRepository hosts, Clock clock, int alivePeriodSeconds) {
        this.jdbc = jdbc;
        this.hosts = hosts;
        this.clock = clock;
        this.aliveEvery = Duration.ofSeconds(Math.max(1, alivePeriodSeconds / 2));
        this.rows = new TtlCache<>("hosts", TTL, 200_000, clock);
        this.platforms = new TtlCache<>(PLATFORMS_TTL, 1, clock);
    }

    /**
     * The host calling now, marked alive. Liveness is written only when it would change what
     * "alive" means (every half alive period), and then in batches ({@link #flushAlive}): with
     * thousands of polling hosts, one write per call would be most of the database's work. A host
     * coming back to life is written at once, since listings and the grid's platforms count it.
     */
    public Optional<HostRow> calling(String uid) {
        Instant now = clock.instant();
        lastCall.put(uid, now);
        Optional<HostRow> row = find(uid);
        if (row.isEmpty() || !aliveDue(row.get(), now)) {
            return row;
        }
        HostRow before = row.get();
        if (before.active() && before.lastAlive() != null) {
            seen.put(uid, now);
        } else {
            jdbc.tx("host alive", c -> {
                hosts.alive(c, Map.of(uid, now));
                return null;
            });
            platforms.remove(PLATFORMS);
        }
        HostRow alive = before.seenAt(now);
        rows.put(uid, alive);
        return Optional.of(alive);
    }

    /** Writes the liveness gathered since the last call, in one transaction; returns how many hosts. */
    public int flushAlive() {
        Instant forgotten = clock.instant().minus(aliveEvery.multipliedBy(6));
        lastCall.values().removeIf(t -> t.isBefore(forgotten));
        // In UID order, as every batch over hosts rows should lock them: two batches never wait on each other.
        Map<String, Instant> batch = new java.util.TreeMap<>();
        for (Map.Entry<String, Instant> e : seen.entrySet()) {
            if (seen.remove(e.getKey(), e.getValue())) {
                batch.put(e.getKey(), e.getValue());
            }
        }
        if (!batch.isEmpty()) {
            jdbc.tx("hosts alive", c -> {
                hosts.alive(c, batch);
                return null;
            });
        }
        return batch.size();
    }

    /**
     * About how many hosts called this server in the last three alive periods (counted again at
     * each {@link #flushAlive}): what the back-off given to idle hosts scales with.
     */
    public int liveHosts() {
        return lastCall.size();
    }

    /** The host making a worker call, marked alive. */
    public HostRow callingHost(Caller caller) {
        String hostUid = hostUid(caller);
        return calling(hostUid)
                .orElseThrow(() -> new Unauthenticated("host " + hostUid + " is not registered; register again"));
    }

    /** The host making a worker call, not marked alive (it is saying goodbye). */
    public HostRow registeredHost(Caller caller) {
        String hostUid = hostUid(caller);
        return find(hostUid)
                .orElseThrow(() -> new Unauthenticated("host " + hostUid + " is not registered; register again"));
    }

    private static String hostUid(Caller caller) {
        return caller.host().orElseThrow(() ->
                new Forbidden("this call needs a host token; register the host first (POST /api/v1/worker/register)"));
    }

    /** A host by UID (cached), without marking it alive. */
    public Optional<HostRow> find(String uid) {
        Optional<HostRow> cached = rows.get(uid);
        if (cached.isPresent()) {
            return cached;
        }
        Optional<HostRow> found = jdbc.tx("find host", c -> hosts.byUid(c, uid));
        found.ifPresent(row -> rows.put(uid, row));
        return found;
    }

    public HostRepository repository() {
        return hosts;
    }

    private boolean aliveDue(HostRow row, Instant now) {
        return row.lastAlive() == null || !row.active() || row.lastAlive().isBefore(now.minus(aliveEvery));
    }

    /** The host's row changed (bench, activation, credential): read it again next time. */
    public void forget(String uid) {
        rows.remove(uid);
        platforms.remove(PLATFORMS);
    }

    /** Who is told when a host may no longer take work (the scheduler, to end its waiting requests). */
    public void onWithdrawn(Consumer<String> listener) {
        withdrawn = listener;
    }

    /**
     * The host was switched off or said goodbye (its row says so, committed): forgets it, drops the
     * liveness not yet written (it would mark a departed host active again) and ends its waiting
     * requests.
     */
    public void withdraw(String uid) {
        seen.remove(uid);
        lastCall.remove(uid);
        forget(uid);
        withdrawn.accept(uid);
    }

    /** The distinct "os/cpu" of the enabled hosts: what the grid can run. */
    public Set<String> activePlatforms() {
        return platforms.get(PLATFORMS).orElseGet(() -> {
            Set<String> read = jdbc.tx("host platforms", hosts::activePlatforms);
            platforms.put(PLATFORMS, read);
            return read;
        });
    }
}
