package xtremweb.worker.task;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The tasks this host is running, for heartbeats (lease extension), suspension and cancellation. */
public final class RunningTasks implements JobControl {
    private final ConcurrentHashMap<String, RunningTask> tasks = new ConcurrentHashMap<>();
    private volatile boolean suspended;
    private final java.util.concurrent.atomic.AtomicInteger completed = new java.util.concurrent.atomic.AtomicInteger();

    RunningTask start(String taskUid) {
        return start(taskUid, null, null);
    }

    RunningTask start(String taskUid, String workUid, String app) {
        RunningTask task = new RunningTask(taskUid, workUid, app, java.time.Instant.now());
        tasks.put(taskUid, task);
        if (suspended) {
            task.suspend();
        }
        return task;
    }

    void finish(RunningTask task) {
        tasks.remove(task.taskUid(), task);
    }

    /** A task's result was delivered and the server told COMPLETED. */
    void completedOne() {
        completed.incrementAndGet();
    }

    /** Tasks completed (result delivered) since the worker started. */
    public int completed() {
        return completed.get();
    }

    /** The running tasks as the volunteer's window shows them, oldest first. */
    public List<xtremweb.common.volunteer.WorkerStatus.TaskNow> now() {
        return tasks.values().stream().map(RunningTask::now)
                .sorted(java.util.Comparator.comparing(xtremweb.common.volunteer.WorkerStatus.TaskNow::started)
                        .thenComparing(xtremweb.common.volunteer.WorkerStatus.TaskNow::taskUid))
                .toList();
    }

    public List<String> taskUids() {
        return List.copyOf(tasks.keySet());
    }

    /** What a cancel found: the task gone (finished), its job killed, or no job running for it. */
    public enum Cancel {
        NOT_HERE, KILLED, NO_PROCESS
    }

    /**
     * Cancels the task: its job is killed, or will be when it starts; a task whose job already
     * ended (its result on its way) is neither uploaded nor reported.
     */
    public Cancel cancel(String taskUid) {
        RunningTask task = tasks.get(taskUid);
        if (task == null) {
            return Cancel.NOT_HERE;
        }
        return task.cancel() ? Cancel.KILLED : Cancel.NO_PROCESS;
    }

    /** On stop: kill every job; the server re-queues them when their leases expire. */
    public int cancelAll() {
        List<RunningTask> all = List.copyOf(tasks.values());
        all.forEach(RunningTask::cancel);
        return all.size();
    }

    /** SIGSTOP to every job, and to those that start until {@link #resumeAll()}; returns how many. */
    @Override
    public int suspendAll() {
        suspended = true;
        List<RunningTask> all = List.copyOf(tasks.values());
        all.forEach(RunningTask::suspend);
        return all.size();
    }

    /** SIGCONT to every job; returns how many. */
    @Override
    public int resumeAll() {
        suspended = false;
        List<RunningTask> all = List.copyOf(tasks.values());
        all.forEach(RunningTask::resume);
        return all.size();
    }

    /** Kills every job and gives its work back to the server (not a failure); returns how many. */
    @Override
    public int giveBackAll() {
        List<RunningTask> all = List.copyOf(tasks.values());
        all.forEach(RunningTask::giveBack);
        return all.size();
    }

    /** The processes of all running jobs, whose CPU use is the worker's, not the owner's. */
    public Set<Long> pids() {
        Set<Long> pids = new HashSet<>();
        tasks.values().forEach(t -> pids.addAll(t.pids()));
        return pids;
    }
}
