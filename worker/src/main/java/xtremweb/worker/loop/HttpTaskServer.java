package xtremweb.worker.loop;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import xtremweb.common.http.XwApiException;

import xtremweb.common.wire.DataView;
import xtremweb.common.wire.ResultBatch;
import xtremweb.common.wire.ResultBatchReceipt;
import xtremweb.common.wire.ResultReceipt;
import xtremweb.common.wire.TaskReport;
import xtremweb.common.wire.WorkerProtocol;
import xtremweb.worker.server.ServerSession;
import xtremweb.worker.task.TaskServer;

/** The task calls of API.md over the host's session (so a 401 renews the host token). */
final class HttpTaskServer implements TaskServer {
    private final ServerSession session;

    HttpTaskServer(ServerSession session) {
        this.session = session;
    }

    @Override
    public void downloadInput(String taskUid, String dataUid, Path target) {
        session.call(http -> {
            http.download("/api/v1/worker/tasks/" + taskUid + "/inputs/" + dataUid, target);
            return null;
        });
    }

    @Override
    public void uploadResult(String taskUid, Path zip, String sha256) {
        session.call(http -> http.upload("/api/v1/worker/tasks/" + taskUid + "/result", zip,
                Map.of("X-XW-SHA256", sha256), DataView.class));
    }

    @Override
    public Completion uploadCompleted(String taskUid, Path zip, String sha256, int exitCode, int next) {
        if (session.protocol() < WorkerProtocol.V2) {
            return TaskServer.super.uploadCompleted(taskUid, zip, sha256, exitCode, next);
        }
        ResultReceipt receipt = session.call(http -> http.upload("/api/v1/worker/tasks/" + taskUid + "/result?exitCode=" + exitCode
                + (next > 0 ? "&next=" + next : ""), zip, Map.of("X-XW-SHA256", sha256), ResultReceipt.class));
        if (receipt == null || receipt.result() == null) {
            // A server older than protocol 2 ignores the query and answers the plain upload (a
            // DataView): the result is stored, the report is still to be sent.
            session.fallBackToProtocol1("its answer to a result upload with exitCode was not a receipt");
            return new Completion(false, List.of());
        }
        return new Completion(true, receipt.next() == null ? List.of() : receipt.next().all());
    }

    @Override
    public boolean takesBatches() {
        return session.protocol() >= WorkerProtocol.V3;
    }

    @Override
    public Optional<ResultBatchReceipt> uploadBatch(ResultBatch batch) {
        if (!takesBatches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(session.call(http -> http.post("/api/v1/worker/results", batch, ResultBatchReceipt.class)));
        } catch (XwApiException e) {
            if (e.status() == 404 || e.status() == 405) {
                // No such route: a server downgraded since the registration. Its results go alone from now on.
                session.fallBackToProtocol2("it answered HTTP " + e.status() + " to POST /api/v1/worker/results");
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void report(String taskUid, TaskReport report) {
        session.call(http -> {
            http.postNoContent("/api/v1/worker/tasks/" + taskUid + "/status", report);
            return null;
        });
    }

    @Override
    public void giveBack(String taskUid) {
        session.call(http -> {
            http.postNoContent("/api/v1/worker/tasks/" + taskUid + "/giveback", java.util.Map.of());
            return null;
        });
    }
}
