package xtremweb.common.wire;

import java.util.List;

/** {@code POST /api/v1/worker/heartbeat}: the tasks this host is running; extends their leases. */
public record Heartbeat(List<String> runningTaskUids) {
    public Heartbeat {
        runningTaskUids = runningTaskUids == null ? List.of() : List.copyOf(runningTaskUids);
    }
}
