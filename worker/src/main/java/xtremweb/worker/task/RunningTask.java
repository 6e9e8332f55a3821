package xtremweb.worker.task;

import java.util.List;

import xtremweb.worker.exec.JobProcess;
import xtremweb.worker.exec.Signals;

/**
 * A task on this host. Cancelling it kills its process, now or as soon as it starts; suspending
 * it freezes the process tree (a job started while suspended is frozen at once); giving it back
 * kills it so the server can re-queue the work without counting a failure.
 */
public final class RunningTask {
    private final String taskUid;
    private final String workUid;
    private final String app;
    private final java.time.Instant started;
    private Process process;
    private boolean cancelled;
    private boolean suspended;
    private boolean givenBack;

    RunningTask(String taskUid, String workUid, String app, java.time.Instant started) {
        this.taskUid = taskUid;
        this.workUid = workUid;
        this.app = app;
        this.started = started;
    }

    synchronized xtremweb.common.volunteer.WorkerStatus.TaskNow now() {
        return new xtremweb.common.volunteer.WorkerStatus.TaskNow(taskUid, workUid, app, started, suspended);
    }

    public String taskUid() {
        return taskUid;
    }

    /**
     * The job's process ended: a cancel that comes later (the server's answer to a heartbeat sent
     * while the job ran) has nothing of this task to kill. A kept sandbox ({@code sandbox.reuse})
     * runs the next job in the same process: without this, that job was killed for this task.
     */
    synchronized void detach(Process ended) {
        if (process == ended) {
            process = null;
        }
    }

    synchronized Process process() {
        return process;
    }

    synchronized void attach(Process started) {
        process = started;
        if (cancelled) {
            JobProcess.killTree(started);
        } else if (suspended) {
            Signals.stopTree(started);
        }
    }

    /**
     * Kills the job; the task is then neither uploaded nor reported (the server already moved on).
     * Returns whether a process was killed: none when the job has not started yet (it is killed
     * as it starts) or has already ended.
     */
    public synchronized boolean cancel() {
        cancelled = true;
        if (process == null) {
            return false;
        }
        if (suspended) {
            Signals.continueTree(process);
        }
        JobProcess.killTree(process);
        return true;
    }

    public synchronized boolean cancelled() {
        return cancelled;
    }

    synchronized void suspend() {
        if (!suspended && !cancelled) {
            suspended = true;
            if (process != null) {
                Signals.stopTree(process);
            }
        }
    }

    synchronized void resume() {
        if (suspended) {
            suspended = false;
            if (process != null && !cancelled) {
                Signals.continueTree(process);
            }
        }
    }

    /** Kills the job and marks its work for {@code giveback}: the machine's owner needs it for too long. */
    synchronized void giveBack() {
        givenBack = true;
        cancel();
    }

    public synchronized boolean givenBack() {
        return givenBack;
    }

    synchronized List<Long> pids() {
        return process == null ? List.of() : Signals.pids(process);
    }
}
