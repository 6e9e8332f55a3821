package xtremweb.server.scheduler;

import java.time.Instant;
import xtremweb.common.model.TaskStatus;

/** One execution attempt of a work on one host: a lease that heartbeats extend. */
record TaskRow(String uid, String workUid, String hostUid, TaskStatus status, Instant leaseExpires, Instant started,
               Instant ended) {
}
