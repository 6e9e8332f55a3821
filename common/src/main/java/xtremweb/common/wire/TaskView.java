package xtremweb.common.wire;

import java.time.Instant;
import xtremweb.common.model.TaskStatus;

/**
 * One task as listed by {@code GET /api/v1/tasks} ({@code xwtasks}): one attempt of a work on one
 * host, with the lease its heartbeats extend. {@code hostName} is the host's name (several hosts
 * may share one: {@code hostUid} tells them apart), {@code ownerLogin} the login of the work's owner.
 * For a copy of a replicated work, {@code workUid} is the work the owner submitted and {@code verdict}
 * what certification said of the copy's result (PENDING, VALID, INVALID, UNCHECKED); null otherwise.
 */
public record TaskView(String uid, String workUid, String hostUid, TaskStatus status, Instant leaseExpires,
                       Instant started, Instant ended, String hostName, String ownerLogin, String verdict) {
    /** A task of a work computed once (no verdict). */
    public TaskView(String uid, String workUid, String hostUid, TaskStatus status, Instant leaseExpires,
                    Instant started, Instant ended, String hostName, String ownerLogin) {
        this(uid, workUid, hostUid, status, leaseExpires, started, ended, hostName, ownerLogin, null);
    }
}
