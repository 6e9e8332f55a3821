package xtremweb.worker.loop;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwConnectException;
import xtremweb.common.wire.Assignment;
import xtremweb.common.wire.WorkRequest;
import xtremweb.common.wire.WorkResponse;
import xtremweb.common.wire.WorkerProtocol;
import xtremweb.worker.cache.InputCache;
import xtremweb.worker.exec.Confinement;
import xtremweb.worker.server.Backoff;
import xtremweb.worker.server.ServerSession;
import xtremweb.worker.server.StopSignal;
import xtremweb.worker.task.RunningTasks;
import xtremweb.worker.task.TaskRunner;
import xtremweb.worker.task.TaskServer;

/**
 * Pulls work while a pool slot is free: one long-poll work request at a time, each assignment run
 * on its own pool thread. The server is never polled faster than it asks (retryAfterSeconds), and an
 * unreachable server is retried with capped back-off.
 */
public final class WorkLoop {
    private static final Logger LOG = LoggerFactory.getLogger(WorkLoop.class);
    static final int WAIT_SECONDS = 20;
    private static final Duration INACTIVE_RECHECK = Duration.ofMillis(500);

    private final ServerSession session;
    private final Activation activation;
    private final int poolSize;
    private final RunningTasks running;
    private final StopSignal stop;
    private final TaskServer tasks;
    private final TaskRunner runner;
    private final ExecutorService pool;
    private final Semaphore slots;
    private volatile BooleanSupplier mayTakeWork = () -> true;
    private final AtomicInteger busy = new AtomicInteger();
    private volatile long lastActivity = System.nanoTime();

    /**
     * @param activation the policy's decisions, acting on {@code running}
     * @param running    the jobs of this worker, shared with the activation (suspension, CPU accounting)
     */
    public WorkLoop(ServerSession session, Activation activation, RunningTasks running, int poolSize, InputCache cache,
                    java.nio.file.Path tmpDir, Duration jobTimeout, Confinement confinement, StopSignal stop,
                    java.nio.file.Path pendingDir) throws java.io.IOException {
        this.session = session;
        this.activation = activation;
        this.running = running;
        this.poolSize = poolSize;
        this.stop = stop;
        this.tasks = new HttpTaskServer(session);
        this.runner = new TaskRunner(tasks, cache, tmpDir, jobTimeout, running, stop, Backoff::new, pendingDir, confinement);
        this.pool = Executors.newFixedThreadPool(poolSize, named("xw-job-"));
        this.slots = new Semaphore(poolSize);
        // Protocol 2: a finished job asks for one next work in its result's exchange, for its slot.
        runner.askForNext(() -> mayStart() ? 1 : 0);
    }

    private boolean mayStart() {
        return !stop.stopping() && activation.active() && mayTakeWork.getAsBoolean();
    }

    /** Runs until the stop signal; then stops taking work (running jobs are killed by {@link #killRunningJobs}). */
    public void run() {
        // Idle time counts from here: registering may have taken long (a loaded batch node).
        lastActivity = System.nanoTime();
        Thread heartbeat = named("xw-heartbeat-").newThread(new Heartbeats(session, running, stop));
        heartbeat.setDaemon(true);
        heartbeat.start();
        Thread kept = named("xw-kept-results-").newThread(runner::deliverKeptResultsUntilStopped);
        kept.setDaemon(true);
        kept.start();
        activation.decideFirst();
        Thread policy = named("xw-activation-").newThread(activation);
        policy.setDaemon(true);
        policy.start();
        Backoff backoff = new Backoff();
        while (!stop.stopping()) {
            if (!activation.active() || !mayTakeWork.getAsBoolean()) {
                // the activation thread logs the change and suspends the running jobs
                stop.pause(INACTIVE_RECHECK);
                continue;
            }
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            Duration wait = requestWork(backoff);
            if (!wait.isZero() && !stop.pause(wait)) {
                break;
            }
        }
        pool.shutdown();
    }

    /**
     * Asks once, for the slot acquired and, in protocol 2, every other free slot (one transaction
     * claims them all); returns how long to wait before asking again (zero when a job was started).
     */
    private Duration requestWork(Backoff backoff) {
        boolean v2 = session.protocol() >= WorkerProtocol.V2;
        int held = 1;
        while (v2 && held < WorkRequest.MAX_SLOTS && slots.tryAcquire()) {
            held++;
        }
        int started = 0;
        try {
            WorkRequest request = v2 ? new WorkRequest(WAIT_SECONDS, held) : new WorkRequest(WAIT_SECONDS);
            WorkResponse response = session.call(http -> http.postWaiting("/api/v1/worker/workrequest",
                    request, WorkResponse.class, Duration.ofSeconds(WAIT_SECONDS)));
            backoff.reset();
            if (response == null) {
                return Duration.ofSeconds(1);
            }
            session.alivePeriodSeconds(response.alivePeriodSeconds());
            List<Assignment> assignments = response.all();
            if (assignments.isEmpty()) {
                // at least 1 s: a server answering at once with nothing must not be polled in a tight loop
                return Duration.ofSeconds(Math.max(1, response.retryAfterSeconds()));
            }
            for (Assignment assignment : assignments) {
                if (started == held) {
                    // More than asked for: never from a sound server; not run, so given back.
                    giveBackAtOnce(assignment, "the server gave more works than the free slots asked for");
                } else if (start(assignment)) {
                    started++;
                }
            }
            return Duration.ZERO;
        } catch (XwConnectException e) {
            Duration delay = backoff.next();
            if (!stop.stopping()) {
                LOG.warn("{}", Backoff.retrying(e.getMessage(), delay));
            }
            return delay;
        } catch (XwApiException e) {
            if (v2 && e.status() == 400) {
                // A server downgraded since the registration refuses the protocol-2 field: ask again in protocol 1.
                session.fallBackToProtocol1("it refused a work request with slots: " + e.getMessage());
                return Duration.ZERO;
            }
            Duration delay = backoff.next();
            if (!stop.stopping()) {
                LOG.warn("the server refused the work request (HTTP {} {}): {}; retrying in {} s", e.status(), e.code(),
                        e.getMessage(), delay.toSeconds());
            }
            return delay;
        } finally {
            slots.release(held - started);
        }
    }

    /** Starts an assignment on a pool thread holding one slot; false when it may not start (given back). */
    private boolean start(Assignment assignment) {
        if (!mayStart()) {
            // The answer came after the worker began to stop or the owner took the machine back
            // (while the request waited): the job must not start, and another host may run it now.
            giveBackAtOnce(assignment, whyNot());
            return false;
        }
        busy.incrementAndGet();
        lastActivity = System.nanoTime();
        pool.execute(() -> {
            try {
                // Protocol 2: the server may hand the next work over with this one's result; it
                // runs in the same slot.
                List<Assignment> next = runner.run(assignment);
                while (!next.isEmpty()) {
                    Assignment following = next.get(0);
                    for (Assignment extra : next.subList(1, next.size())) {
                        giveBackAtOnce(extra, "the server gave more next works than asked for");
                    }
                    if (!mayStart()) {
                        giveBackAtOnce(following, whyNot());
                        break;
                    }
                    lastActivity = System.nanoTime();
                    next = runner.run(following);
                }
            } finally {
                lastActivity = System.nanoTime();
                busy.decrementAndGet();
                slots.release();
            }
        });
        return true;
    }

    private String whyNot() {
        return stop.stopping() ? "the worker is stopping"
                : !activation.active() ? "the activation policy took the machine back while the work request waited"
                : "the worker stopped taking work while the work request waited";
    }

    private void giveBackAtOnce(Assignment assignment, String why) {
        try {
            tasks.giveBack(assignment.taskUid());
            LOG.info("task {} (work {}) given back at once, not started: {}", assignment.taskUid(), assignment.workUid(), why);
        } catch (XwConnectException | XwApiException e) {
            // A goodbye may have given it back already; else the server re-queues it when the lease expires.
            LOG.info("task {} (work {}) not started ({}); giving it back failed: {}", assignment.taskUid(), assignment.workUid(),
                    why, e.getMessage());
        }
    }

    /** On stop: kill every job process (the goodbye that follows gives their works back to the server). */
    public int killRunningJobs() {
        int killed = running.cancelAll();
        runner.closeSandboxes();
        return killed;
    }

    /** A condition for asking for work besides the activation policy (a pilot stops as its end nears); always by default. */
    public void takeWorkWhile(BooleanSupplier condition) {
        mayTakeWork = condition;
    }

    /** {@code data.privateaddresses} (see {@link TaskRunner#allowPrivateAddresses}). */
    public void allowPrivateAddresses(boolean allow) {
        runner.allowPrivateAddresses(allow);
    }

    /** {@code sandbox.reuse} (see {@link TaskRunner#reuseSandboxes}). */
    public void reuseSandboxes(boolean reuse) {
        runner.reuseSandboxes(reuse ? poolSize : 0);
    }

    /** Which job ends are interruptions whose work goes back to the server (see {@link TaskRunner#giveBackInterrupted}). */
    public void giveBackInterrupted(Predicate<xtremweb.worker.exec.JobExit> test) {
        runner.giveBackInterrupted(test);
    }

    /** How long no assignment has been running here; zero while one is. */
    public Duration idleFor() {
        long since = lastActivity;
        return busy.get() > 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - since);
    }

    /** The tasks whose result is kept on disk, still to be delivered by a later run. */
    public List<String> keptResults() {
        return runner.keptResults();
    }

    public int poolSize() {
        return poolSize;
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            return thread;
        };
    }
}
