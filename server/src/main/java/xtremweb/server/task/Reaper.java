package xtremweb.server.task;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xtremweb.common.model.TaskStatus;
import xtremweb.common.model.WorkStatus;
import xtremweb.server.db.Jdbc;
import xtremweb.server.host.HostDirectory;
import xtremweb.server.logging.Mdc;
import xtremweb.server.metrics.GridMetrics;
import xtremweb.server.work.WorkChange;
import xtremweb.server.work.WorkRepository;
import xtremweb.server.work.WorkRow;
import xtremweb.server.work.WorkSignal;

/**
 * Gives back to the queue the works whose task lease expired (the host vanished), and ends in
 * ERROR those lost more than {@code work.maxRetry} times. Safe with several servers: each step is
 * a conditional update, and a task already handled elsewhere is skipped.
 *
 * <p>A loss counts towards its host's bench only if the host had a whole lease while this server
 * was up to hear from it. The tasks in flight when a server stops are lost through no fault of
 * their hosts: a claim committed just before a SIGKILL never reached its host, and a result the
 * host kept retrying while the server was down is refused once the lease ran out. Counted, one
 * restart longer than a lease benched every host of a small grid at once (two slots each, two
 * kills: three losses in a row), and copies of replicated works, which need distinct hosts, then
 * waited out the bench. A lease the starting server renewed for every running task counts as one
 * the host never renewed: a host that does not call within it loses its tasks, without a bench.
 *
 * <p>The tasks a host loses when it vanishes once (killed, rebooted, cut off) count as one loss: one
 * heartbeat renews all of them, so their leases end within a lease of each other. Counted one by
 * one, a single SIGKILL of a worker with three slots benched it for ten minutes, though it was
 * restarted at once and ran well.
 *
 * <p>A task that has run longer than {@code task.timeout} (wall-clock, from its claim) is taken
 * back the same way, lease or not: a host that keeps a work, renewing its lease with heartbeats but
 * never returning a result, would otherwise hold it for ever. Such a loss counts against the host
 * (the server heard from it all along) and towards the work's retries; its next heartbeat or upload
 * for the task is told the task is no longer its.
 */
public final class Reaper {
    private static final Logger LOG = LoggerFactory.getLogger(Reaper.class);
    private static final int BATCH = 100;
    private final Jdbc jdbc;
    private final TaskRepository tasks = new TaskRepository();
    private final WorkRepository works;
    private final HostDirectory hosts;
    private final GridMetrics metrics;
    private final WorkSignal signal;
    private final Clock clock;
    private final int maxRetry;
    // Leases last renewed before this instant ran out while this server could not hear from their hosts.
    private volatile Instant heardFrom;
    // How long a lease lasts: given again to every running task once the database is back after an outage.
    private final Duration lease;
    // Jdbc.outagesSeen() when this reaper last made up for an outage.
    private long outagesMadeUpFor;
    // Losses of one host whose leases ended this close together are one vanishing.
    private final Duration sameVanishing;
    // task.timeout: how long a task may run (zero: no limit).
    private final Duration timeout;
    // Overrunning tasks are looked for this often: the limit is days, a look costs a scan of the running tasks.
    private final Duration overrunEvery;
    private Instant overrunLooked = Instant.MIN;

    /** With leases of unknown length: only those that ended before this reaper was made are not held against their hosts. */
    public Reaper(Jdbc jdbc, WorkRepository works, HostDirectory hosts, WorkSignal signal, GridMetrics metrics, Clock clock,
                  int maxRetry) {
        this(jdbc, works, hosts, signal, metrics, clock, maxRetry, Duration.ZERO);
    }

    /**
     * Made as the server starts; {@code lease} is how long a lease lasts (a loss counts against its
     * host only if the lease was last renewed once this server was up).
     */
    public Reaper(Jdbc jdbc, WorkRepository works, HostDirectory hosts, WorkSignal signal, GridMetrics metrics, Clock clock,
                  int maxRetry, Duration lease) {
        this(jdbc, works, hosts, signal, metrics, clock, maxRetry, lease, Duration.ZERO);
    }

    /**
     * As {@link #Reaper(Jdbc, WorkRepository, HostDirectory, WorkSignal, GridMetrics, Clock, int, Duration)},
     * taking back the tasks that have run longer than {@code timeout} ({@code task.timeout}; zero: no limit).
     */
    public Reaper(Jdbc jdbc, WorkRepository works, HostDirectory hosts, WorkSignal signal, GridMetrics metrics, Clock clock,
                  int maxRetry, Duration lease, Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("task.timeout cannot be negative");
        }
        this.timeout = timeout;
        // A tenth of the limit, at most a minute: a task is taken back at most 10 % late.
        this.overrunEvery = timeout.dividedBy(10).compareTo(Duration.ofMinutes(1)) < 0 ? timeout.dividedBy(10) : Duration.ofMinutes(1);
        this.heardFrom = clock.instant().plus(lease);
        this.lease = lease;
        this.outagesMadeUpFor = jdbc.outagesSeen();
        this.sameVanishing = lease;
        this.jdbc = jdbc;
        this.works = works;
        this.hosts = hosts;
        this.metrics = metrics;
        this.signal = signal;
        this.clock = clock;
        this.maxRetry = maxRetry;
    }

    /** One pass; returns how many tasks were found lost (their lease expired, or they ran past task.timeout). */
    public int reapOnce() {
        Instant now = clock.instant();
        renewAfterOutage();
        List<TaskRow> expired = jdbc.tx("find expired leases", c -> tasks.expired(c, now, BATCH));
        int requeued = 0;
        for (TaskRow task : expired) {
            if (reap(task, now, false)) {
                requeued++;
            }
        }
        List<TaskRow> overran = List.of();
        if (!timeout.isZero() && !overrunLooked.plus(overrunEvery).isAfter(now)) {
            overrunLooked = now;
            overran = jdbc.tx("find tasks past task.timeout", c -> tasks.startedBefore(c, now.minus(timeout), BATCH));
            for (TaskRow task : overran) {
                if (reap(task, now, true)) {
                    requeued++;
                }
            }
        }
        Mdc.clear();
        if (requeued > 0) {
            signal.signal();
        }
        return expired.size() + overran.size();
    }

    /**
     * Ends a lost task ({@code overran}: it ran past task.timeout; else its lease expired) and gives
     * its work back to the queue, or ends it in ERROR past {@code maxRetry}; true if it went back.
     */
    private boolean reap(TaskRow task, Instant now, boolean overran) {
        Mdc.put(Mdc.TASK, task.uid());
        Mdc.put(Mdc.WORK, task.workUid());
        Mdc.put(Mdc.HOST, task.hostUid());
        Boolean back = jdbc.tx("reap task", c -> {
            if (!tasks.finish(c, task.uid(), TaskStatus.LOST, now)) {
                return null;
            }
            Optional<WorkRow> found = works.byUid(c, task.workUid());
            if (found.isEmpty() || !task.hostUid().equals(found.get().hostUid())
                    || (found.get().status() != WorkStatus.RUNNING && found.get().status() != WorkStatus.DATAREQUEST)) {
                return false;
            }
            WorkRow work = found.get();
            // Counted, logged and forgotten once committed: a deadlock's victim runs again.
            // Strictly after: a lease the server itself renewed as it started (Leases.renewAllAtStart,
            // just before this reaper was made) was never renewed by its host.
            // A task that overran was kept by a host that kept renewing its lease: its fault, each time.
            boolean hostsFault = overran || task.leaseExpires().isAfter(heardFrom);
            boolean sameVanishingCounted = !overran && hostsFault && tasks.lostAlongside(c, task.hostUid(), task.uid(),
                    task.leaseExpires().minus(sameVanishing), task.leaseExpires().plus(sameVanishing));
            if (hostsFault && !sameVanishingCounted && hosts.repository().failed(c, task.hostUid(), Bench.AFTER, now.plus(Bench.FOR))) {
                Jdbc.afterCommit(() -> {
                    LOG.warn("host {} benched until {}: lost {} tasks in a row", task.hostUid(), now.plus(Bench.FOR),
                            Bench.AFTER);
                    hosts.forget(task.hostUid());
                });
            }
            int lost = work.retries() + 1;
            String cause = overran ? "ran longer than task.timeout (" + describe(timeout) + ")" : "host vanished";
            if (work.deleted() || lost > maxRetry) {
                String why = work.deleted() ? "cancelled: the work was deleted" : "lost " + lost + " times: " + cause;
                works.transition(c, work.uid(), work.status(), WorkStatus.ERROR, work.version(), WorkChange.lostForGood(why, now));
                Jdbc.afterCommit(() -> {
                    lost(overran, false);
                    metrics.failed(work.deleted() ? GridMetrics.Failure.CANCELLED : GridMetrics.Failure.RETRIES_EXHAUSTED);
                    LOG.warn("work {} ends in ERROR: {} (last host {})", work.uid(), why, task.hostUid());
                });
                return false;
            }
            boolean moved = works.transition(c, work.uid(), work.status(), WorkStatus.PENDING, work.version(), WorkChange.lost());
            Jdbc.afterCommit(() -> {
                lost(overran, moved);
                if (overran) {
                    LOG.info("work {} back to PENDING: task {} ran on host {} since {}, longer than task.timeout ({}), loss {}"
                            + " of {} allowed", work.uid(), task.uid(), task.hostUid(), task.started(), describe(timeout), lost,
                            maxRetry);
                } else {
                    LOG.info("work {} back to PENDING: host {} missed its lease (ended {}), loss {} of {} allowed{}",
                            work.uid(), task.hostUid(), task.leaseExpires(), lost, maxRetry,
                            hostsFault ? "" : "; not held against the host, the lease was renewed before this server started");
                }
            });
            return moved;
        });
        return Boolean.TRUE.equals(back);
    }

    private void lost(boolean overran, boolean requeued) {
        if (overran) {
            metrics.overran(requeued);
        } else {
            metrics.leaseExpired(requeued);
        }
    }

    /** A limit as the operator wrote it, readable: "7 days", "12 h", "90 s". */
    static String describe(Duration limit) {
        long s = limit.toSeconds();
        if (s % 86_400 == 0) {
            return s / 86_400 + (s == 86_400 ? " day" : " days");
        }
        return s % 3600 == 0 ? s / 3600 + " h" : s + " s";
    }

    /**
     * While the database could not be reached, hosts could not renew their leases either: their
     * heartbeats failed with it. Once it answers again, every running task gets a whole lease from
     * now, as when the server starts (Leases.renewAllAtStart), before any lease is looked at. Without
     * this, an outage longer than a lease lost every task in flight, and the results their hosts
     * had finished and kept retrying were refused (409) and computed again. A host really gone loses
     * its tasks one lease later, and that loss is not held against it.
     */
    private void renewAfterOutage() {
        long seen = jdbc.outagesSeen();
        if (seen == outagesMadeUpFor || lease.isZero()) {
            return; // no outage since the last look, or a reaper made without the lease's length (some tests)
        }
        // From when the connection came, not from the pass's start: that may have waited for the database the pool's whole wait.
        Instant[] leaseEnd = new Instant[1];
        int renewed = jdbc.tx("renew the leases after a database outage", c -> {
            leaseEnd[0] = clock.instant().plus(lease);
            return tasks.renewRunningUntil(c, leaseEnd[0]);
        });
        heardFrom = leaseEnd[0];
        outagesMadeUpFor = seen;
        if (renewed > 0) {
            LOG.info("{} running task(s) given a lease until {}: the database could not be reached for a while, and their"
                    + " hosts could not renew their leases meanwhile", renewed, leaseEnd[0]);
        }
    }
}
