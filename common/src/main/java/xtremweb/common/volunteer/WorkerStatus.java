package xtremweb.common.volunteer;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the worker tells its owner's window, rewritten whenever it changes (and every few seconds, so
 * that a stale file shows a worker that is gone).
 *
 * @param pid              the worker's process, to tell a stopped worker from a slow one
 * @param written          when this status was written
 * @param hostUid          the host UID the server gave, absent until the worker registered
 * @param state            what the worker does now, as one word
 * @param policy           the activation policy in force and where it comes from
 * @param verdict          the policy's last decision, with the reason the worker logged for it
 * @param tasks            the tasks running on this host now
 * @param completed        tasks completed (result delivered) since the worker started
 * @param controlRevision  the revision of the owner's control file the worker last took (0: none)
 * @param controlProblem   why the worker refused that revision, as a sentence; absent when it took it
 */
public record WorkerStatus(long pid, Instant written, Instant started, String hostName, String hostUid, String server,
                           State state, Policy policy, Verdict verdict, List<TaskNow> tasks, int poolSize, int completed,
                           long controlRevision, String controlProblem) {
    public WorkerStatus {
        Objects.requireNonNull(written, "written");
        Objects.requireNonNull(state, "state");
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }

    /** The same status, written at another moment. */
    public WorkerStatus writtenAt(Instant at) {
        return new WorkerStatus(pid, at, started, hostName, hostUid, server, state, policy, verdict, tasks, poolSize, completed,
                controlRevision, controlProblem);
    }

    /** Whether {@code other} says the same, whenever it was written. */
    public boolean sameAs(WorkerStatus other) {
        return other != null && writtenAt(Instant.EPOCH).equals(other.writtenAt(Instant.EPOCH));
    }

    /** The last status of a worker that stops now. */
    public WorkerStatus stopped(Instant at) {
        return new WorkerStatus(pid, at, started, hostName, hostUid, server, State.STOPPED, policy, verdict, List.of(), poolSize,
                completed, controlRevision, controlProblem);
    }

    /** What the worker does, as its owner reads it. */
    public enum State {
        /** Registering with the server. */
        CONNECTING,
        /** At least one task running. */
        COMPUTING,
        /** Allowed to compute, asking the server for work. */
        WAITING_FOR_WORK,
        /** The activation policy does not allow computing now; running tasks are suspended. */
        NOT_ALLOWED,
        /** Paused by its owner: no new work; running tasks may finish. */
        PAUSED,
        /** The worker stopped (written last, at its stop). */
        STOPPED
    }

    /**
     * @param classes     the policies, as {@code activator.class} names them
     * @param date        {@code activator.date}, when a DateActivator is among them
     * @param description the policy as the worker's log names it
     * @param fromOwner   true when the owner chose it in the window, false when it comes from the configuration file
     */
    public record Policy(String classes, String date, String description, boolean fromOwner) {
    }

    /**
     * @param mayCompute whether the policy allows computing
     * @param reason     why, word for word as the worker's log line says it
     * @param since      when the policy took this decision
     */
    public record Verdict(boolean mayCompute, String reason, Instant since) {
    }

    /** A task running here: its UIDs, its app, when it started and whether the policy froze it. */
    public record TaskNow(String taskUid, String workUid, String app, Instant started, boolean suspended) {
    }
}
