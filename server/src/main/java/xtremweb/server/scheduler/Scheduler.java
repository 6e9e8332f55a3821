package xtremweb.server.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xtremweb.common.model.TaskStatus;
import xtremweb.common.model.UserRights;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.AppBinary;
import xtremweb.common.wire.Assignment;
import xtremweb.common.wire.InputRef;
import xtremweb.common.wire.WorkRequest;
import xtremweb.common.wire.WorkResponse;
import xtremweb.server.app.AppRow;
import xtremweb.server.app.AppService;
import xtremweb.server.cache.NamedCache;
import xtremweb.server.cache.TtlCache;
import xtremweb.server.certification.CopyPlacements;
import xtremweb.server.data.DataRow;
import xtremweb.server.data.DataService;
import xtremweb.server.db.DbException;
import xtremweb.server.db.Jdbc;
import xtremweb.server.db.Writes;
import xtremweb.server.host.HostDirectory;
import xtremweb.server.host.HostRow;
import xtremweb.server.logging.Mdc;
import xtremweb.server.metrics.GridMetrics;
import xtremweb.server.policy.AccessPolicy;
import xtremweb.server.policy.Caller;
import xtremweb.server.task.HeldTasks;
import xtremweb.server.task.Leases;
import xtremweb.server.task.TaskRepository;
import xtremweb.server.task.TaskRow;
import xtremweb.server.task.WorkRequests;
import xtremweb.server.work.WorkChange;
import xtremweb.server.work.WorkRepository;
import xtremweb.server.work.WorkRow;
import xtremweb.server.work.WorkSignal;

/**
 * Gives pending works to hosts. Works come from the in-memory {@link ReadyQueue} (owners in turn,
 * FIFO within an owner) and go only to a host that may run them, has a binary for its platform,
 * meets their minimum resources and is their expected host. A claim is a conditional update of
 * the work (PENDING to RUNNING at the version read) plus a task row holding the lease, in one
 * transaction: with several servers on one database, the update count decides who won.
 */
public final class Scheduler implements WorkRequests {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    static final Duration MAX_WAIT = Duration.ofSeconds(30);
    // Look at the queue again now and then while waiting: it refills from the database, where
    // another server may have queued work.
    private static final Duration POLL = Duration.ofSeconds(1);
    /** The rate of work requests from idle, non-long-polling hosts the back-off aims at. */
    static final int IDLE_POLLS_PER_SECOND = 500;
    // A host's app cache entry is re-read after this long: an app may gain a binary.
    private static final Duration APP_TTL = Duration.ofSeconds(5);
    private final Jdbc jdbc;
    private final WorkRepository works;
    private final TaskRepository tasks = new TaskRepository();
    private final HostDirectory hosts;
    private final AppService apps;
    private final DataService datas;
    private final AccessPolicy policy;
    private final WorkSignal signal;
    private final Clock clock;
    private final int alivePeriodSeconds;
    private final ReadyQueue queue;
    // What matching needs of each app, in memory: the ready queue's lock is held while works are
    // matched, so a database read there would stall every work request. Loaded as works enter the
    // queue (outside its lock) and refreshed in the background once older than APP_TTL.
    private final LoadingCache<String, Optional<AppRow>> appCache;
    @SuppressWarnings("unused") // kept alive for the metrics, which hold it weakly
    private final NamedCache appCacheStats;
    private final OwnerKeys ownerKeys = new OwnerKeys();
    private final TtlCache<String, InputRef> inputs;
    private final GridMetrics metrics;
    private final CopyPlacements placements;
    // Told of each task once its claim committed (the task package's StartedTasks, in a server).
    private volatile BiConsumer<TaskRow, WorkRow> started = (task, work) -> { };
    // The tasks each host holds, and its cap (host.maxTasks); none unless capHeldTasks is called.
    private volatile HeldTasks held = HeldTasks.unlimited();

    public Scheduler(Jdbc jdbc, WorkRepository works, HostDirectory hosts, AppService apps, DataService datas,
                     AccessPolicy policy, WorkSignal signal, Clock clock, int alivePeriodSeconds, GridMetrics metrics) {
        this(jdbc, works, hosts, apps, datas, policy, signal, clock, alivePeriodSeconds, metrics, new CopyPlacements());
    }

    /** With the placements of replicated works' copies, which certification shares. */
    public Scheduler(Jdbc jdbc, WorkRepository works, HostDirectory hosts, AppService apps, DataService datas,
                     AccessPolicy policy, WorkSignal signal, Clock clock, int alivePeriodSeconds, GridMetrics metrics,
                     CopyPlacements placements) {
        this.placements = placements;
        this.policy = policy;
        this.metrics = metrics;
        this.jdbc = jdbc;
        this.works = works;
        this.hosts = hosts;
        this.apps = apps;
        this.datas = datas;
        this.signal = signal;
        this.clock = clock;
        this.alivePeriodSeconds = alivePeriodSeconds;
        this.appCache = Caffeine.newBuilder().maximumSize(10_000).refreshAfterWrite(APP_TTL).recordStats()
                .build(apps::byUidUnchecked);
        appCacheStats = NamedCache.of("scheduler-apps", appCache);
        this.queue = new ReadyQueue(jdbc, works, signal, System::nanoTime, w -> appCache.get(w.appUid()));
        this.inputs = new TtlCache<>("task-inputs", Duration.ofMinutes(1), 100_000, clock);
        metrics.gauge("ready.queue.size", "works in this server's in-memory ready queue", queue::size);
        // A host switched off or gone must not wait out its long poll: wake the waiters, it leaves.
        hosts.onWithdrawn(uid -> signal.wakeAll());
    }

    /**
     * Tells {@code listener} of every task this scheduler starts, once its claim is committed: the
     * task row inserted and the work as the claim left it (the result upload's hint).
     */
    public void onStarted(BiConsumer<TaskRow, WorkRow> listener) {
        this.started = listener;
    }

    /**
     * Caps the tasks one host holds RUNNING at once ({@code host.maxTasks}): a host at its cap gets
     * no new work, as if the queue were empty for it. Without this call, no cap.
     */
    public void capHeldTasks(HeldTasks held) {
        this.held = held;
    }

    /** Answers a work request, holding it up to {@code waitSeconds} (capped) until a matching work is pending. */
    public WorkResponse request(Caller caller, WorkRequest request) throws InterruptedException {
        return request(caller, request, () -> () -> false);
    }

    /**
     * Answers a work request as {@link #request(Caller, WorkRequest)} does, for a worker that may go
     * away meanwhile: nothing is claimed for a worker that hung up while its request waited, and the
     * wait ends with no work as soon as the host is switched off (xwactivate off) or said goodbye.
     * The host's row is read again at each look (the directory forgets it when it changes), never
     * kept from the start of the wait.
     *
     * <p>{@code hangUpWatch} starts watching the connection and answers whether the worker hung up
     * since; it is called only before the request first waits. A request answered at once (a work
     * was queued) has just been sent, and arming the watch (a read interest registered with the
     * connection's selector, then withdrawn) would cost more than everything else it does.
     */
    @Override
    public WorkResponse request(Caller caller, WorkRequest request, Supplier<BooleanSupplier> hangUpWatch)
            throws InterruptedException {
        HostRow host = hosts.callingHost(caller);
        long deadline = System.nanoTime() + Duration.ofSeconds(Math.min(request.waitSeconds(), MAX_WAIT.toSeconds())).toNanos();
        boolean woken = false;
        boolean wasOn = host.enabled();
        BooleanSupplier hungUp = () -> false;
        boolean watching = false;
        while (true) {
            long seen = signal.generation();
            if (hungUp.getAsBoolean()) {
                // Nobody reads this answer: claim nothing, and let another waiting host have the wake.
                LOG.info("work request of host {} ended: the worker hung up while it waited", host.uid());
                if (woken) {
                    signal.passOn();
                }
                return new WorkResponse(null, 0, alivePeriodSeconds);
            }
            host = hosts.find(host.uid()).orElse(host);
            boolean on = host.enabled() && host.active();
            if (!on && wasOn) {
                // Switched off or gone while it waited: it gets nothing from now on.
                return new WorkResponse(null, backOff(host), alivePeriodSeconds);
            }
            // A host that was off from the start waits as before, in case it is switched on.
            Claim claim = on ? claimFor(caller, host, request.claimable()) : Claim.REFUSED;
            if (!claim.assignments().isEmpty()) {
                return answer(request, claim.assignments());
            }
            if (on && claim.hostRefused()) {
                return new WorkResponse(null, backOff(host), alivePeriodSeconds);
            }
            wasOn = on;
            if (woken && !queue.isEmpty()) {
                // Woken for a work this host may not run: let another waiting host look at it.
                signal.passOn();
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return new WorkResponse(null, backOff(host), alivePeriodSeconds);
            }
            if (!watching) {
                hungUp = hangUpWatch.get();
                watching = true;
            }
            woken = signal.awaitChange(seen, Duration.ofNanos(Math.min(remaining, POLL.toNanos())));
        }
    }

    /**
     * Seconds a host without work waits before asking again: the rest of its bench, else a random
     * pause that grows with the grid, so idle hosts that do not long-poll ask about
     * {@link #IDLE_POLLS_PER_SECOND} times a second in all: 1 to 5 s for a few hundred hosts, 20 to
     * 40 s for ten thousand. Hosts that long-poll are woken at once anyway.
     */
    int backOff(HostRow host) {
        Instant now = clock.instant();
        if (host.benched(now)) {
            return (int) Math.max(1, Math.min(Duration.between(now, host.benchedUntil()).toSeconds(), 300));
        }
        int base = Math.max(1, hosts.liveHosts() / IDLE_POLLS_PER_SECOND);
        return base == 1 ? ThreadLocalRandom.current().nextInt(1, 6) : ThreadLocalRandom.current().nextInt(base, 2 * base + 1);
    }

    /** A protocol-1 request gets one assignment; a protocol-2 one (slots given) gets the list too. */
    private WorkResponse answer(WorkRequest request, List<Assignment> claimed) {
        return request.slots() == null ? new WorkResponse(claimed.get(0), 0, alivePeriodSeconds)
                : new WorkResponse(claimed.get(0), 0, alivePeriodSeconds, claimed);
    }

    /**
     * Claims at once, without waiting, up to {@code request.claimable()} works for a host that has
     * just returned a result (protocol 2: the result upload asks for the next works in the same
     * exchange). An empty answer tells how long to wait, as a work request's does.
     */
    @Override
    public WorkResponse next(Caller caller, WorkRequest request) {
        HostRow host = hosts.callingHost(caller);
        Claim claim = claimFor(caller, host, request.claimable());
        if (!claim.assignments().isEmpty()) {
            return answer(request, claim.assignments());
        }
        return new WorkResponse(null, claim.hostRefused() ? backOff(host) : 0, alivePeriodSeconds,
                request.slots() == null ? null : List.of());
    }

    /** Claims the first queued work this host may run (owners in turn), if any. */
    public Optional<Assignment> claim(Caller caller, HostRow host) {
        return claimFor(caller, host, 1).assignments().stream().findFirst();
    }

    /**
     * A claim's outcome: the assignments, or none; {@code hostRefused} when the database says the
     * host may not take work (switched off, gone or benched, perhaps by another server).
     */
    private record Claim(List<Assignment> assignments, boolean hostRefused) {
        static final Claim NONE = new Claim(List.of(), false);
        static final Claim REFUSED = new Claim(List.of(), true);
    }

    /** A work taken from the queue for a claim, with the task it becomes if the claim wins it. */
    private record Taken(WorkRow work, String taskUid) {
    }

    /**
     * Claims up to {@code slots} works for the host in one transaction (one durable commit however
     * many): the works are taken from the queue first, then moved to RUNNING together; those another
     * server claimed meanwhile are dropped, and the queue is asked again while none was won.
     */
    private Claim claimFor(Caller caller, HostRow host, int slots) {
        if (refuses(host)) {
            // Switched off by an administrator (xwactivate off), gone or benched: gets no work.
            return Claim.REFUSED;
        }
        if (caller.rights() == UserRights.NONE) {
            return Claim.NONE;
        }
        while (true) {
            List<Taken> taken = take(caller, host, slots, 0);
            if (taken.isEmpty()) {
                return Claim.NONE;
            }
            Claim claim = Claim.NONE;
            try {
                claim = claimTaken(host, taken, "claim work", w -> true, false).claim();
            } catch (DbException e) {
                // Another server held a row (lock wait timeout, deadlock victim): the rolled-back
                // works are PENDING still, and the next refill offers them again.
                LOG.info("claim of {} works for host {} lost to a concurrent claim: {}", taken.size(), host.uid(), e.getMessage());
            } finally {
                held.settle(host.uid(), taken.size(), given(claim));
            }
            // None won: another server claimed them (or they changed) since they were queued (the
            // queue was only a hint); ask it again.
            if (claim.hostRefused() || !claim.assignments().isEmpty()) {
                return claim;
            }
        }
    }

    private boolean refuses(HostRow host) {
        return !host.enabled() || !host.active() || host.benched(clock.instant());
    }

    /** The tasks a claim started. */
    private static List<String> given(Claim claim) {
        return claim.assignments().stream().map(Assignment::taskUid).toList();
    }

    /**
     * Up to {@code wanted} works this host may run, taken from the queue (not claimed yet), no more
     * than its cap leaves room for ({@code ending} of its tasks end with the claim). The room taken
     * is reserved until {@link HeldTasks#settle} is called with as many as were taken.
     */
    private List<Taken> take(Caller caller, HostRow host, int wanted, int ending) {
        int slots = held.reserve(host.uid(), host.cpuCount(), wanted, ending);
        if (slots == 0) {
            return List.of();
        }
        // Certification: a copy of a replicated work goes only to a host independent of its
        // siblings' (reserved here, as the work is taken; confirmed below if the claim is won,
        // released if it fails).
        // Two copies of one work never go out in one batch: the second reservation fails.
        List<Taken> taken = new ArrayList<>(slots);
        boolean returned = false;
        try {
            for (int i = 0; i < slots; i++) {
                Optional<WorkRow> next = queue.take(w -> fits(caller, host, w)
                        && placements.reserve(w.certifies(), w.uid(), host.uid(), host.ownerUid()));
                if (next.isEmpty()) {
                    break;
                }
                taken.add(new Taken(next.get(), UUID.randomUUID().toString()));
            }
            returned = true;
            return taken;
        } finally {
            // The room not taken goes back now; the caller settles the rest once the claim is over.
            held.settle(host.uid(), returned ? slots - taken.size() : slots, List.of());
        }
    }

    /** What a transaction that claims did first ({@code done}: it went ahead), and the claim. */
    private record Claimed(boolean done, Claim claim) {
    }

    /**
     * In one transaction, {@code first}, then (if it answered true) the claim of the {@code taken}
     * works; the works not won are settled (back in the queue if the host may no longer take work,
     * or if the transaction rolled back). {@code first} throwing rolls back both and is rethrown.
     */
    private Claimed claimTaken(HostRow host, List<Taken> taken, String what, Jdbc.Writing<Boolean> first,
                               boolean hostSucceeded) {
        long claimStarted = System.nanoTime();
        Instant start = clock.instant();
        Instant leaseEnd = start.plus(Leases.length(alivePeriodSeconds));
        boolean[] done = new boolean[1];
        List<Taken> won = List.of();
        boolean refused = false;
        // Rolled back by first (its own reason): the works were never contended, they go back.
        boolean firstFailed = false;
        try {
            // Once: a claim that loses a lock is not run again here but answered by its callers (the
            // works come back with the next refill, the queue is asked again, a result recorded with
            // it is recorded alone), and the works it took from the queue are settled below.
            // A claim that follows a result is committed with other hosts' of the same moment when it
            // can be (Jdbc.txGrouped: one batch per statement, one durable commit); alone otherwise.
            Jdbc.Writing<List<Taken>> claim = w -> {
                done[0] = first.run(w);
                if (!done[0]) {
                    return List.of();
                }
                if (taken.isEmpty()) {
                    if (hostSucceeded) {
                        hosts.repository().succeeded(w, host.uid());
                    }
                    return List.of();
                }
                // The host's row, locked until the claim commits, is the truth about whether it may
                // take work: the directory's copy may be older than an xwactivate off or a goodbye
                // (made here a moment ago, or by another server), which update this row. A host
                // that has just ended a job well has its run of failures ended by the same statement.
                boolean mayTakeWork = hostSucceeded ? hosts.repository().succeededIfMayTakeWork(w, host.uid(), start)
                        : hosts.repository().mayTakeWork(w.connection(), host.uid(), start);
                if (!mayTakeWork) {
                    if (hostSucceeded) {
                        hosts.repository().succeeded(w, host.uid());
                    }
                    return null;
                }
                List<Taken> claimed = new ArrayList<>(taken.size());
                for (Taken t : taken) {
                    if (works.transition(w, t.work().uid(), WorkStatus.PENDING, WorkStatus.RUNNING, t.work().version(),
                            WorkChange.claimedBy(host.uid()))) {
                        tasks.insert(w, new TaskRow(t.taskUid(), t.work().uid(), host.uid(), TaskStatus.RUNNING, leaseEnd, start, null));
                        claimed.add(t);
                    }
                }
                return claimed;
            };
            List<Taken> ours = hostSucceeded ? jdbc.txGrouped(what, claim) : jdbc.txOnce(what, c -> claim.run(Writes.on(c)));
            refused = ours == null;
            won = refused ? List.of() : ours;
        } catch (DbException e) {
            // A lock lost to another server: the works come back with the next refill, if still PENDING.
            throw e;
        } catch (RuntimeException e) {
            firstFailed = true;
            throw e;
        } finally {
            for (Taken t : taken) {
                queue.settled(t.work().uid());
                if (won.contains(t)) {
                    placements.confirm(t.work().certifies(), t.work().uid(), host.uid());
                } else {
                    placements.release(t.work().certifies(), t.work().uid(), host.uid());
                }
            }
            if (refused || firstFailed || !done[0]) {
                // The works are still PENDING: first in line again for the next host.
                for (int i = taken.size() - 1; i >= 0; i--) {
                    queue.putBack(taken.get(i).work());
                }
            }
        }
        if (refused) {
            hosts.forget(host.uid());
            LOG.info("host {} may no longer take work (switched off, gone or benched): {} works stay queued",
                    host.uid(), taken.size());
            return new Claimed(true, Claim.REFUSED);
        }
        if (won.isEmpty()) {
            return new Claimed(done[0], Claim.NONE);
        }
        long claimNanos = (System.nanoTime() - claimStarted) / won.size();
        List<Assignment> assignments = new ArrayList<>(won.size());
        for (Taken t : won) {
            WorkRow work = t.work();
            started.accept(new TaskRow(t.taskUid(), work.uid(), host.uid(), TaskStatus.RUNNING, leaseEnd, start, null),
                    work.claimedBy(host.uid()));
            metrics.dispatched(Duration.between(work.submitted(), start), work.retries() == 0, claimNanos);
            Mdc.put(Mdc.WORK, work.uid());
            Mdc.put(Mdc.TASK, t.taskUid());
            LOG.info("work {} given to host {} as task {}", work.uid(), host.uid(), t.taskUid());
            assignments.add(assignment(t.taskUid(), work, host, leaseEnd));
        }
        return new Claimed(done[0], new Claim(assignments, false));
    }

    /**
     * Runs {@code first} and then claims, without waiting, up to {@code request.claimable()} next
     * works for the host, in one transaction: one durable commit for a result upload that also
     * asks for the next works (protocol 2) instead of two. {@code first} answering false, or
     * throwing, claims nothing (throwing rolls both back and is rethrown); the host found unable to
     * take work keeps what {@code first} did and gets none. When the claim loses a lock to another
     * server (timeout, deadlock), {@code first} runs again alone, so a busy queue never costs a
     * result.
     */
    @Override
    public WithNext nextAfter(Caller caller, WorkRequest request, String what, Jdbc.Writing<Boolean> first,
                              boolean hostSucceeded, int ending) {
        HostRow host = hosts.callingHost(caller);
        // The tasks whose results are recorded end with the claim: their slots are free for the next works.
        List<Taken> taken = refuses(host) || caller.rights() == UserRights.NONE ? List.of()
                : take(caller, host, request.claimable(), ending);
        Claimed claimed = null;
        try {
            claimed = claimTaken(host, taken, what, first, hostSucceeded);
        } catch (DbException e) {
            if (taken.isEmpty()) {
                throw e;
            }
            LOG.info("{} with the claim of {} works for host {} lost a lock: {}; done again without the claim", what,
                    taken.size(), host.uid(), e.getMessage());
            return new WithNext(jdbc.tx(what, c -> {
                boolean done = first.run(Writes.on(c));
                if (done && hostSucceeded) {
                    hosts.repository().succeeded(c, host.uid());
                }
                return done;
            }), new WorkResponse(null, 0, alivePeriodSeconds, List.of()));
        } finally {
            held.settle(host.uid(), taken.size(), claimed == null ? List.of() : given(claimed.claim()));
        }
        Claim claim = refuses(host) && taken.isEmpty() ? Claim.REFUSED : claimed.claim();
        WorkResponse next = !claim.assignments().isEmpty() ? answer(request, claim.assignments())
                : new WorkResponse(null, claim.hostRefused() ? backOff(host) : 0, alivePeriodSeconds, List.of());
        return new WithNext(claimed.done(), next);
    }

    /**
     * The whole matching rule, in memory: the access policy (public, group or private worker), a
     * binary of the app for the host's OS and CPU, the work's minimum resources, its expected host.
     */
    boolean fits(Caller caller, HostRow host, WorkRow work) {
        return policy.mayRun(caller, work.owned())
                && work.needs().metBy(host.uid(), host.memory(), host.disk(), host.cpuSpeed())
                && app(work.appUid()).flatMap(a -> a.binaryFor(host.os(), host.cpu())).isPresent();
    }

    /**
     * The app as matching sees it, from memory only (this runs under the ready queue's lock): an
     * app not loaded yet (evicted since its works were queued) does not match this time and is
     * loaded in the background for the next request.
     */
    private Optional<AppRow> app(String appUid) {
        Optional<AppRow> app = appCache.getIfPresent(appUid);
        if (app == null) {
            appCache.refresh(appUid);
            return Optional.empty();
        }
        return app;
    }

    private Assignment assignment(String taskUid, WorkRow work, HostRow host, Instant leaseEnd) {
        // Outside the queue's lock: may load.
        AppRow app = appCache.get(work.appUid()).orElseThrow();
        AppBinary binary = app.binaryFor(host.os(), host.cpu()).orElseThrow();
        return new Assignment(taskUid, work.uid(), app.name(), work.args(), input(binary.dataUid()),
                work.stdinDataUid() == null ? null : input(work.stdinDataUid()),
                work.envDataUid() == null ? null : input(work.envDataUid()), leaseEnd, ownerKeys.of(work.ownerUid()));
    }

    private InputRef input(String dataUid) {
        Optional<InputRef> cached = inputs.get(dataUid);
        if (cached.isPresent()) {
            return cached.get();
        }
        DataRow data = datas.find(dataUid).orElseThrow(() -> new IllegalStateException("input data " + dataUid + " vanished"));
        InputRef ref = new InputRef(data.uid(), data.name(), data.size() == null ? -1 : data.size(), data.sha256(), data.externalUri());
        // Name, size and digest of a data with content never change: the next thousand works of
        // the same app need not read its binary's row again. (Whether the host may download it is
        // decided at download time, not here.)
        if (data.status() == xtremweb.common.model.DataStatus.AVAILABLE) {
            inputs.put(dataUid, ref);
        }
        return ref;
    }
}
