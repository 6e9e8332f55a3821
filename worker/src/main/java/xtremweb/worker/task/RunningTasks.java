package xtremweb.worker.task;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** The tasks this host is running, for heartbeats (lease extension) and cancellation. */
public final class RunningTasks {
    private final ConcurrentHashMap<String, RunningTask> tasks = new ConcurrentHashMap<>();

    RunningTask start(String taskUid) {
        RunningTask task = new RunningTask(taskUid);
        tasks.put(taskUid, task);
        return task;
    }

    void finish(RunningTask task) {
        tasks.remove(task.taskUid(), task);
    }

    public List<String> taskUids() {
        return List.copyOf(tasks.keySet());
    }

    /** Returns false if no such task runs here (already finished). */
    public boolean cancel(String taskUid) {
        RunningTask task = tasks.get(taskUid);
        if (task == null) {
            return false;
        }
        task.cancel();
        return true;
    }

    /** On stop: kill every job; the server re-queues them when their leases expire. */
    public int cancelAll() {
        List<RunningTask> all = List.copyOf(tasks.values());
        all.forEach(RunningTask::cancel);
        return all.size();
    }
}
