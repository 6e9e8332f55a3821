package xtremweb.worker.task;

import xtremweb.worker.exec.JobProcess;

/** A task on this host; cancelling it kills its process, now or as soon as it starts. */
public final class RunningTask {
    private final String taskUid;
    private Process process;
    private boolean cancelled;

    RunningTask(String taskUid) {
        this.taskUid = taskUid;
    }

    public String taskUid() {
        return taskUid;
    }

    synchronized void attach(Process started) {
        process = started;
        if (cancelled) {
            JobProcess.killTree(started);
        }
    }

    /** Kills the job; the task is then neither uploaded nor reported (the server already moved on). */
    public synchronized void cancel() {
        cancelled = true;
        if (process != null) {
            JobProcess.killTree(process);
        }
    }

    public synchronized boolean cancelled() {
        return cancelled;
    }
}
