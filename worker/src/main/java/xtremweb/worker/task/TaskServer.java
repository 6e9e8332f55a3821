package xtremweb.worker.task;

import java.nio.file.Path;

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

    /** {@code POST /api/v1/worker/tasks/{taskUid}/status}. */
    void report(String taskUid, TaskReport report);

    /** {@code POST /api/v1/worker/tasks/{taskUid}/giveback}: re-queue the work without counting a failure. */
    void giveBack(String taskUid);
}
