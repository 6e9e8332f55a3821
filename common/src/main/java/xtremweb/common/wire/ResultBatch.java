package xtremweb.common.wire;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /api/v1/worker/results} (protocol 3): the small results of several tasks of one host
 * in one exchange, each also its task's COMPLETED report, and ({@code next}) the claim of up to that
 * many next works, answered in the same exchange ({@link ResultBatchReceipt}).
 *
 * <p>Why: a busy multi-slot worker whose jobs end close together paid one HTTPS exchange and one
 * transaction per result; the exchange's own cost (TLS, HTTP, authentication, JSON) was about half
 * of the server's CPU per job. Results are small for most jobs (a zip of a few hundred bytes): they
 * travel inline; a result above {@link #MAX_RESULT_BYTES} goes alone, streamed, as before.
 */
public record ResultBatch(List<TaskResult> results, Integer next) {
    /** The largest zip sent inline; larger results are uploaded alone. */
    public static final int MAX_RESULT_BYTES = 64 * 1024;
    /** The most zip bytes one batch carries (their base64 stays well within a JSON body's 1 MiB). */
    public static final int MAX_BATCH_BYTES = 512 * 1024;

    public ResultBatch {
        if (results == null || results.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one result");
        }
        if (results.size() > WorkRequest.MAX_SLOTS) {
            throw new IllegalArgumentException("a batch carries at most " + WorkRequest.MAX_SLOTS + " results, this one "
                    + results.size());
        }
        if (next != null && (next < 1 || next > WorkRequest.MAX_SLOTS)) {
            throw new IllegalArgumentException("next must be between 1 and " + WorkRequest.MAX_SLOTS);
        }
        results = List.copyOf(results);
        long bytes = 0;
        Set<String> tasks = new HashSet<>();
        for (TaskResult r : results) {
            if (r == null) {
                throw new IllegalArgumentException("a batch's results cannot be null");
            }
            if (!tasks.add(r.taskUid())) {
                throw new IllegalArgumentException("task " + r.taskUid() + " appears twice in the batch");
            }
            bytes += r.zip().length;
        }
        if (bytes > MAX_BATCH_BYTES) {
            throw new IllegalArgumentException("a batch carries at most " + MAX_BATCH_BYTES + " bytes of results, this one "
                    + bytes + "; send fewer results together");
        }
    }
}
