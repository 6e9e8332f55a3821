package xtremweb.worker.task;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import xtremweb.common.wire.Assignment;
import xtremweb.common.wire.ResultBatch;
import xtremweb.common.wire.ResultBatchReceipt;

import xtremweb.common.wire.TaskReport;

/**
 * The server calls one task needs. Failures are the HTTP client's exceptions
 * ({@link xtremweb.common.http.XwApiException}, {@link xtremweb.common.http.XwConnectException}).
 */
public interface TaskServer {
    /** {@code GET /api/v1/worker/tasks/{taskUid}/inputs/{dataUid}} into {@code target}. */
    void downloadInput(String taskUid, String dataUid, Path target);

    /** {@code PUT /api/v1/worker/tasks/{taskUid}/result}. */
    void uploadResult(String taskUid, Path zip, String sha256);

    /**
     * How a result upload ended: {@code reported} when the server took it as the COMPLETED report
     * too (protocol 2), with the next works it claimed for this host in the same exchange.
     */
    record Completion(boolean reported, List<Assignment> next) {
        public Completion {
            next = List.copyOf(next);
        }
    }

    /**
     * Uploads the result of a job that exited with {@code exitCode}, in protocol 2 as the COMPLETED
     * report too, asking for up to {@code next} next works (0: none). A server that speaks only
     * protocol 1 gets the plain upload, and the caller then reports: the default.
     */
    default Completion uploadCompleted(String taskUid, Path zip, String sha256, int exitCode, int next) {
        uploadResult(taskUid, zip, sha256);
        return new Completion(false, List.of());
    }

    /**
     * Whether small results may travel in batches ({@link #uploadBatch}, protocol 3); false by default,
     * and once a server refuses the batches' call.
     */
    default boolean takesBatches() {
        return false;
    }

    /**
     * {@code POST /api/v1/worker/results} (protocol 3): the small results of several tasks, each also
     * its COMPLETED report, and the claim of {@code batch.next()} next works. Empty when the server
     * does not take batches (older than protocol 3, or downgraded since the registration): each
     * result is then uploaded alone. A failure of the whole exchange is thrown.
     */
    default Optional<ResultBatchReceipt> uploadBatch(ResultBatch batch) {
        return Optional.empty();
    }

    /** {@code POST /api/v1/worker/tasks/{taskUid}/status}. */
    void report(String taskUid, TaskReport report);

    /** {@code POST /api/v1/worker/tasks/{taskUid}/giveback}: re-queue the work without counting a failure. */
    void giveBack(String taskUid);
}
