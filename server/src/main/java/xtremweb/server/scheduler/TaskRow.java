package xtremweb.server.scheduler;

import java.time.Instant;
import xtremweb.common.model.TaskStatus;
import xtremweb.common.wire.TaskView;

/** One execution attempt of a work on one host: a lease that heartbeats extend. */
record TaskRow(String uid, String workUid, String hostUid, TaskStatus status, Instant leaseExpires, Instant started,
               Instant ended) {
    TaskView view() {
        return new TaskView(uid, workUid, hostUid, status, leaseExpires, started, ended);
    }
}
