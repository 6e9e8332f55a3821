package xtremweb.common.wire;

import java.time.Instant;
import xtremweb.common.model.TaskStatus;

/**
 * One task as listed by {@code GET /api/v1/tasks} ({@code xwtasks}): one attempt of a work on one
 * host, with the lease its heartbeats extend.
 */
public record TaskView(String uid, String workUid, String hostUid, TaskStatus status, Instant leaseExpires,
                       Instant started, Instant ended) {
}
