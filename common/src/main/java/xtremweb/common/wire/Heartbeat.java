package xtremweb.common.wire;

import java.util.List;

/**
 * {@code POST /api/v1/worker/heartbeat}: the tasks this host is running; extends their leases.
 * {@code inventory} (optional, sent now and then) refreshes what the server knows of the machine.
 */
public record Heartbeat(List<String> runningTaskUids, HostInventory inventory) {
    public Heartbeat(List<String> runningTaskUids) {
        this(runningTaskUids, null);
    }

    public Heartbeat {
        runningTaskUids = runningTaskUids == null ? List.of() : List.copyOf(runningTaskUids);
    }
}
