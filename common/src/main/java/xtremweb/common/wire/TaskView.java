package xtremweb.common.wire;

import java.time.Instant;
import xtremweb.common.model.TaskStatus;

/**
 * One task as listed by {@code GET /api/v1/tasks} ({@code xwtasks}): one attempt of a work on one
 * host, with the lease its heartbeats extend. {@code hostName} is the host's name (several hosts
 * may share one: {@code hostUid} tells them apart), {@code ownerLogin} the login of the work's owner.
 */
public record TaskView(String uid, String workUid, String hostUid, TaskStatus status, Instant leaseExpires,
                       Instant started, Instant ended, String hostName, String ownerLogin) {
}
