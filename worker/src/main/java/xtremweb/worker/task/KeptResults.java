package xtremweb.worker.task;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xtremweb.worker.server.Backoff;
import xtremweb.worker.server.StopSignal;

/**
 * The results kept on disk because the server could not take them (down for an upgrade, a
 * network cut): delivered again, with back-off, until the server takes them, refuses them (the
 * task is no longer this host's) or cancels them, or the worker stops. A volunteer's hours of
 * computing are not thrown away because the server was away for a minute.
 *
 * <p>Their tasks stay registered as running meanwhile, so the heartbeats name them and keep their
 * leases once the server is back (it gives every running task a whole lease as it starts), and a
 * cancel in a heartbeat's answer drops them. Results an earlier run of the worker left are
 * delivered the same way. Only this class's thread delivers a result handed over to it.
 */
final class KeptResults {
    private static final Logger LOG = LoggerFactory.getLogger(KeptResults.class);
    /** How often the thread looks for results handed over while none waits. */
    private static final Duration IDLE_CHECK = Duration.ofSeconds(2);

    /** One delivery attempt of a kept result, as a slot makes it (upload, then report). */
    @FunctionalInterface
    interface Delivery {
        void deliver(PendingResults.Pending result) throws TaskRunner.LeaseLost, IOException;
    }

    private final PendingResults pending;
    private final RunningTasks running;
    private final StopSignal stop;
    private final Supplier<Backoff> backoffs;
    private final Delivery delivery;
    /** The tasks whose result waits here, by task UID; registered in {@link #running} until it is delivered or dropped. */
    private final Map<String, RunningTask> waiting = new ConcurrentHashMap<>();

    KeptResults(PendingResults pending, RunningTasks running, StopSignal stop, Supplier<Backoff> backoffs, Delivery delivery) {
        this.pending = pending;
        this.running = running;
        this.stop = stop;
        this.backoffs = backoffs;
        this.delivery = delivery;
    }

    /** A slot could not deliver its task's result: the task stays registered, and is delivered from here. */
    void handOver(RunningTask task) {
        waiting.put(task.taskUid(), task);
    }

    /** Takes in the results an earlier run of the worker left on disk. */
    void adoptEarlierRun() {
        try {
            for (PendingResults.Pending result : pending.all()) {
                waiting.computeIfAbsent(result.taskUid(), uid -> {
                    LOG.info("task {}: delivering the result kept by an earlier run", uid);
                    return running.start(uid);
                });
            }
        } catch (IOException e) {
            LOG.error("cannot read the kept results: {}", e.getMessage());
        }
    }

    /** Delivers until the worker stops: the results of an earlier run first, then those handed over. */
    void deliverUntilStopped() {
        adoptEarlierRun();
        Backoff backoff = backoffs.get();
        while (!stop.stopping()) {
            Duration wait = IDLE_CHECK;
            if (!waiting.isEmpty() && deliverOnce()) {
                wait = backoff.next();
            } else {
                backoff.reset();
            }
            if (!stop.pause(wait)) {
                return;
            }
        }
    }

    /** One attempt for each waiting result; true when some still wait for the server. */
    boolean deliverOnce() {
        Map<String, PendingResults.Pending> onDisk;
        try {
            onDisk = pending.all().stream().collect(java.util.stream.Collectors.toMap(PendingResults.Pending::taskUid,
                    Function.identity()));
        } catch (IOException e) {
            LOG.error("cannot read the kept results: {}", e.getMessage());
            return !waiting.isEmpty();
        }
        for (RunningTask task : List.copyOf(waiting.values())) {
            if (stop.stopping()) {
                // A stopping worker cancels every task: that is not the server's cancel; the results stay on disk.
                break;
            }
            deliverOne(task, onDisk.get(task.taskUid()));
        }
        return !waiting.isEmpty();
    }

    private void deliverOne(RunningTask task, PendingResults.Pending result) {
        String uid = task.taskUid();
        if (result == null) {
            forget(task);
            return;
        }
        if (task.cancelled()) {
            LOG.info("task {}: kept result dropped: cancelled by the server", uid);
            drop(uid);
            forget(task);
            return;
        }
        try {
            delivery.deliver(result);
            LOG.info("task {}: kept result delivered", uid);
            forget(task);
        } catch (TaskRunner.ServerUnreachable e) {
            LOG.warn("task {}: kept result still not delivered: {}", uid, e.getMessage());
        } catch (TaskRunner.LeaseLost e) {
            LOG.warn("task {}: kept result dropped: {}", uid, e.getMessage());
            forget(task);
        } catch (IOException e) {
            LOG.error("task {}: kept result unreadable, dropped: {}", uid, e.getMessage());
            drop(uid);
            forget(task);
        }
    }

    private void drop(String uid) {
        try {
            pending.done(uid);
        } catch (IOException e) {
            LOG.warn("task {}: cannot remove its kept result: {}", uid, e.getMessage());
        }
    }

    private void forget(RunningTask task) {
        waiting.remove(task.taskUid());
        running.finish(task);
    }
}
