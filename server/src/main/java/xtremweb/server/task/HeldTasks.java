package xtremweb.server.task;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xtremweb.common.wire.Heartbeat;
import xtremweb.server.db.DbException;
import xtremweb.server.db.Jdbc;

/**
 * The tasks each host holds RUNNING, counted in memory, and the cap on them ({@code host.maxTasks}).
 * A volunteer is not trusted to take only what it can run: without a cap, one host declaring one
 * CPU claimed work after work (up to 64 per request) and kept them all alive with its heartbeats
 * while their scientists waited. A host at its cap gets no new work, as if the queue were empty
 * for it, until it ends some.
 *
 * <p>The cap of a host is {@code host.maxTasks}, or twice the CPUs it declared if that is more
 * (workers often run more slots than CPUs), never above {@link Heartbeat#MAX_TASKS}, the most a
 * heartbeat can keep alive. The default, 64, is the most one work request may claim: a worker of up
 * to 64 slots is never held back, whatever CPUs it declares.
 *
 * <p>Counted here so that a work request costs no database read: the tasks this server gave the
 * host, less those it saw end (a result, a report, a give-back; {@link StartedTasks} tells). The
 * count may be too high (a task ended on another server, or taken by the reaper), so a host found
 * at its cap is counted again from the database before it is refused, at most once per
 * {@link #RECHECK}; a host working normally stays under its cap and never costs that read. It may
 * be too low (tasks another server gave): with several servers a host may hold up to the cap per
 * server, for as long as {@code task.timeout} lets it.
 */
public final class HeldTasks {
    private static final Logger LOG = LoggerFactory.getLogger(HeldTasks.class);
    /** A host at its cap is counted from the database at most this often. */
    static final Duration RECHECK = Duration.ofSeconds(2);
    // The tasks nobody saw end are forgotten this often (those older than forgetAfter).
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);
    private final Jdbc jdbc;
    private final TaskRepository tasks = new TaskRepository();
    private final Clock clock;
    private final int maxTasks;
    private final Duration forgetAfter;
    private final Map<String, Host> byHost = new ConcurrentHashMap<>();
    private final Map<String, String> hostOfTask = new ConcurrentHashMap<>();
    private volatile Instant pruned;

    /** What one host holds, as counted here; guarded by {@link #byHost}'s compute. */
    private static final class Host {
        // Task UID -> when it was given (or found running).
        final Map<String, Instant> tasks = new HashMap<>();
        // Works being claimed for the host now, not yet settled.
        int reserved;
        Instant counted = Instant.MIN;
        boolean capped;
    }

    /**
     * {@code maxTasks}: the {@code host.maxTasks} key (0: no cap). {@code forgetAfter}: how long a task
     * may run at most (task.timeout and a lease): one given longer ago than that and never seen to
     * end has ended somewhere else.
     */
    public HeldTasks(Jdbc jdbc, Clock clock, int maxTasks, Duration forgetAfter) {
        if (maxTasks < 0 || maxTasks > Heartbeat.MAX_TASKS) {
            throw new IllegalArgumentException("host.maxTasks must be between 0 and " + Heartbeat.MAX_TASKS);
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxTasks = maxTasks;
        this.forgetAfter = forgetAfter;
        this.pruned = clock.instant();
    }

    /** No cap: every host takes what it asks for (and nothing is counted). */
    public static HeldTasks unlimited() {
        return new HeldTasks(null, Clock.systemUTC(), 0, Duration.ZERO);
    }

    /** The most tasks a host that declared {@code cpuCount} CPUs may hold at once. */
    public int capFor(int cpuCount) {
        if (maxTasks == 0) {
            return Integer.MAX_VALUE;
        }
        return Math.min(Heartbeat.MAX_TASKS, Math.max(maxTasks, 2 * Math.max(0, cpuCount)));
    }

    /**
     * Reserves room for up to {@code wanted} new tasks of the host and answers how many it may take
     * (0 at its cap). {@code ending} tasks of the host end in the same transaction as the claim (a
     * result upload that claims the next works), so they leave room. Every reservation is given
     * back with {@link #settle}.
     */
    public int reserve(String hostUid, int cpuCount, int wanted, int ending) {
        if (maxTasks == 0) {
            return wanted;
        }
        int cap = capFor(cpuCount);
        Instant now = clock.instant();
        int[] granted = new int[1];
        boolean[] recount = new boolean[1];
        byHost.compute(hostUid, (uid, host) -> {
            Host h = host == null ? new Host() : host;
            int room = cap - h.tasks.size() - h.reserved + ending;
            if (room >= wanted || h.counted.plus(RECHECK).isAfter(now)) {
                granted[0] = grant(h, room, wanted);
                h.capped &= granted[0] == 0;
            } else {
                recount[0] = true;
                h.counted = now;
            }
            return h;
        });
        if (!recount[0]) {
            return granted[0];
        }
        // At its cap as counted here: what the database says it holds decides.
        Set<String> running = running(hostUid);
        byHost.compute(hostUid, (uid, host) -> {
            Host h = host == null ? new Host() : host;
            if (running != null) {
                recount(uid, h, running, now);
            }
            int room = cap - h.tasks.size() - h.reserved + ending;
            granted[0] = grant(h, room, wanted);
            // Said once each time the host reaches its cap, not at every request it makes there.
            if (granted[0] == 0 && !h.capped) {
                h.capped = true;
                LOG.info("host {} holds {} running task(s), its cap (host.maxTasks {}, or twice its {} declared CPU(s)): it"
                        + " gets no new work until it ends some", uid, h.tasks.size(), maxTasks, cpuCount);
            } else if (granted[0] > 0) {
                h.capped = false;
            }
            return h;
        });
        return granted[0];
    }

    private static int grant(Host h, int room, int wanted) {
        int granted = Math.max(0, Math.min(room, wanted));
        h.reserved += granted;
        return granted;
    }

    /** The UIDs of the host's running tasks, from the database; null if it cannot be read now. */
    private Set<String> running(String hostUid) {
        try {
            return jdbc.tx("count a host's running tasks", c -> {
                Set<String> uids = new HashSet<>();
                tasks.runningOn(c, hostUid).forEach(t -> uids.add(t.uid()));
                return uids;
            });
        } catch (DbException e) {
            LOG.info("could not count the running tasks of host {} ({}); counted here instead", hostUid, e.getMessage());
            return null;
        }
    }

    private void recount(String hostUid, Host h, Set<String> running, Instant now) {
        h.tasks.keySet().removeIf(task -> {
            if (running.contains(task)) {
                return false;
            }
            hostOfTask.remove(task, hostUid);
            return true;
        });
        for (String task : running) {
            if (h.tasks.putIfAbsent(task, now) == null) {
                hostOfTask.put(task, hostUid);
            }
        }
    }

    /**
     * A claim for the host is over: {@code reserved} is given back, and the tasks it started
     * ({@code given}) are counted from now on.
     */
    public void settle(String hostUid, int reserved, List<String> given) {
        if (maxTasks == 0) {
            return;
        }
        Instant now = clock.instant();
        byHost.compute(hostUid, (uid, host) -> {
            Host h = host == null ? new Host() : host;
            h.reserved = Math.max(0, h.reserved - reserved);
            for (String task : given) {
                h.tasks.put(task, now);
                hostOfTask.put(task, uid);
            }
            return h.tasks.isEmpty() && h.reserved == 0 ? null : h;
        });
        if (pruned.plus(PRUNE_EVERY).isBefore(now)) {
            pruned = now;
            prune(now.minus(forgetAfter));
        }
    }

    /** The task ended on this server (its result, a report, a give-back): its host holds one less. */
    public void ended(String taskUid) {
        if (maxTasks == 0) {
            return;
        }
        String hostUid = hostOfTask.remove(taskUid);
        if (hostUid != null) {
            byHost.computeIfPresent(hostUid, (uid, h) -> {
                h.tasks.remove(taskUid);
                return h.tasks.isEmpty() && h.reserved == 0 ? null : h;
            });
        }
    }

    /** Forgets the tasks given before {@code before}: they ended where this server could not see it. */
    private void prune(Instant before) {
        for (String hostUid : byHost.keySet()) {
            byHost.computeIfPresent(hostUid, (uid, h) -> {
                h.tasks.entrySet().removeIf(e -> {
                    if (!e.getValue().isBefore(before)) {
                        return false;
                    }
                    hostOfTask.remove(e.getKey(), uid);
                    return true;
                });
                return h.tasks.isEmpty() && h.reserved == 0 ? null : h;
            });
        }
    }

    /** How many tasks the host holds, as counted here (for tests). */
    int held(String hostUid) {
        Host h = byHost.get(hostUid);
        return h == null ? 0 : h.tasks.size();
    }
}
