package xtremweb.server.task;

import java.time.Instant;
import xtremweb.common.model.TaskStatus;

/** One execution attempt of a work on one host: a lease that heartbeats extend. */
public record TaskRow(String uid, String workUid, String hostUid, TaskStatus status, Instant leaseExpires, Instant started,
               Instant ended) {
}
