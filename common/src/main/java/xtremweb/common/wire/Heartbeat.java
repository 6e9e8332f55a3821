package xtremweb.common.wire;

import java.util.List;

/**
 * {@code POST /api/v1/worker/heartbeat}: the tasks this host is running; extends their leases.
 * {@code inventory} (optional, sent now and then) refreshes what the server knows of the machine.
 */
public record Heartbeat(List<String> runningTaskUids, HostInventory inventory) {
    /** The most tasks one heartbeat may name: the largest pool a worker runs ({@code workpool.size}). */
    public static final int MAX_TASKS = 1024;

    public Heartbeat(List<String> runningTaskUids) {
        this(runningTaskUids, null);
    }

    public Heartbeat {
        runningTaskUids = runningTaskUids == null ? List.of() : List.copyOf(runningTaskUids);
    }
}
