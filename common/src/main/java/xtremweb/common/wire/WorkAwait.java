package xtremweb.common.wire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code POST /api/v1/works/await}: the client waits for any of these works to end, with one long
 * poll instead of one per work. The answer lists the {@link WorkView}s of those that have ended
 * (COMPLETED or ERROR) as soon as one has, or none once {@code waitSeconds} have passed. The server
 * checks the UIDs (at most {@link #MAX_WORKS}) and the wait, to refuse each mistake by name.
 */
public record WorkAwait(List<String> uids, int waitSeconds) {
    /** The most works one call may wait for: a sweep's batch ({@link WorkBatch#MAX_JOBS}). */
    public static final int MAX_WORKS = WorkBatch.MAX_JOBS;

    public WorkAwait {
        // Not List.copyOf: a null in the list is the server's to refuse by its place, not a parse failure.
        uids = uids == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(uids));
    }
}
