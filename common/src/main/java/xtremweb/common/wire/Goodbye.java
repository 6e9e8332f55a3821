package xtremweb.common.wire;

import java.util.List;

/**
 * {@code POST /api/v1/worker/goodbye}: the host's worker is stopping. The server ends its waiting
 * work request with no work and re-queues the works of its running tasks at once, without counting
 * a failure, except {@code keptTaskUids}: tasks whose result the worker keeps on disk and will still
 * deliver (their leases run on as usual).
 */
public record Goodbye(List<String> keptTaskUids) {
    public Goodbye {
        keptTaskUids = keptTaskUids == null ? List.of() : List.copyOf(keptTaskUids);
    }
}
