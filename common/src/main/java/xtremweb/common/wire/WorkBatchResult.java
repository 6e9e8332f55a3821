package xtremweb.common.wire;

import java.util.List;

/** The answer to a {@link WorkBatch}: the new works' UIDs, in the order of the jobs. */
public record WorkBatchResult(List<String> uids) {
    public WorkBatchResult {
        uids = uids == null ? List.of() : List.copyOf(uids);
    }
}
