package xtremweb.server.task;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import xtremweb.common.wire.Assignment;
import xtremweb.common.wire.Goodbye;
import xtremweb.common.wire.Heartbeat;
import xtremweb.common.wire.ResultBatch;
import xtremweb.common.wire.ResultBatchReceipt;
import xtremweb.common.wire.ResultReceipt;
import xtremweb.common.wire.TaskReport;
import xtremweb.common.wire.WorkRequest;
import xtremweb.common.wire.WorkResponse;
import xtremweb.server.certification.CopyPlacements;
import xtremweb.server.data.DataRow;
import xtremweb.server.data.DataService;
import xtremweb.server.http.Exchange;
import xtremweb.server.http.HangUpWatch;
import xtremweb.server.http.ProblemTable;
import xtremweb.server.http.Router;
import xtremweb.server.policy.Caller;
import xtremweb.server.refusal.InvalidInput;

/**
 * The worker calls under {@code /api/v1/worker/} that use a host token, and the task listing. A work
 * request is held while it waits for work with a watch on its connection, so a worker that hangs up
 * meanwhile is given nothing.
 */
public final class WorkerEndpoints {
    private final WorkRequests scheduler;
    private final CopyPlacements placements;
    private final Leases leases;
    private final TaskOutcomes outcomes;
    private final Departures departures;
    private final TaskList taskList;
    private final DataService datas;
    private final ResultBatches batches;

    public WorkerEndpoints(WorkRequests scheduler, CopyPlacements placements, Leases leases, TaskOutcomes outcomes,
                           Departures departures, TaskList taskList, DataService datas) {
        this.scheduler = scheduler;
        this.placements = placements;
        this.leases = leases;
        this.outcomes = outcomes;
        this.departures = departures;
        this.taskList = taskList;
        this.datas = datas;
        this.batches = new ResultBatches(outcomes, scheduler, datas, ProblemTable::of);
    }

    /**
     * Writes a work request's answer. An assignment that does not reach the worker (it hung up
     * between the claim and the answer, or the write failed) goes back to the queue at once: the
     * worker will never run it, and waiting for its lease to expire would leave it RUNNING on a host
     * that is gone.
     */
    private void answer(Exchange ex, Caller caller, WorkResponse response, boolean hungUp) throws IOException {
        if (response.all().isEmpty()) {
            ex.json(200, response);
            return;
        }
        String hostUid = caller.host().orElseThrow();
        if (hungUp) {
            for (Assignment assignment : response.all()) {
                departures.undelivered(hostUid, assignment.taskUid(), "the worker hung up before the answer");
            }
            ex.json(200, new WorkResponse(null, 0, response.alivePeriodSeconds()));
            return;
        }
        try {
            ex.json(200, response);
        } catch (IOException | RuntimeException e) {
            for (Assignment assignment : response.all()) {
                departures.undelivered(hostUid, assignment.taskUid(), "writing the answer failed: " + e);
            }
            throw e;
        }
    }

    /** An optional whole-number query parameter within bounds; a 400 that names it otherwise. */
    private static Integer intQuery(Exchange ex, String name, int min, int max) {
        var value = ex.query(name);
        if (value.isEmpty()) {
            return null;
        }
        try {
            int n = Integer.parseInt(value.get());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidInput("bad-" + name, name + "=" + value.get() + " is not a whole number"
                    + (min == Integer.MIN_VALUE ? "" : " between " + min + " and " + max));
        }
    }

    public void register(Router router) {
        // Listed by users (xwtasks), registered here with the other task calls.
        router.route("GET", "/api/v1/tasks", ex -> ex.json(200, taskList.tasks(ex.caller())));
        router.route("POST", "/api/v1/worker/workrequest", ex -> {
            var caller = ex.caller();
            WorkRequest request = ex.body(WorkRequest.class);
            // Certification (certification.distinctSubnets): the network this host asks from.
            placements.seen(caller.host().orElse(null), ex.remoteAddress());
            // The hang-up watch is armed only if the request waits (most busy workers' do not).
            AtomicReference<HangUpWatch> watch = new AtomicReference<>();
            WorkResponse response;
            try {
                response = scheduler.request(caller, request, () -> watch.updateAndGet(w -> w != null ? w : ex.watchHangUp())::hungUp);
            } finally {
                if (watch.get() != null) {
                    watch.get().close();
                }
            }
            answer(ex, caller, response, watch.get() != null && watch.get().hungUp());
        });
        router.route("POST", "/api/v1/worker/goodbye", ex -> {
            departures.leave(ex.caller(), ex.body(Goodbye.class));
            ex.noContent();
        });
        router.route("POST", "/api/v1/worker/heartbeat", ex -> {
            var caller = ex.caller();
            ex.json(200, leases.heartbeat(caller, ex.body(Heartbeat.class)));
        });
        router.route("GET", "/api/v1/worker/tasks/{taskUid}/inputs/{dataUid}", ex -> {
            DataRow data = outcomes.input(ex.caller(), ex.param("taskUid"), ex.param("dataUid"));
            outcomes.sent(ex.file((first, length) -> datas.content(data, first, length), data.size(), data.sha256()));
        });
        router.streaming("PUT", "/api/v1/worker/tasks/{taskUid}/result", ex -> {
            var caller = ex.caller();
            // Protocol 2: ?exitCode=N makes the upload the COMPLETED report too; &next=N also
            // claims the host's next works (up to N, no waiting) in the same exchange.
            Integer exitCode = intQuery(ex, "exitCode", Integer.MIN_VALUE, Integer.MAX_VALUE);
            Integer next = intQuery(ex, "next", 1, WorkRequest.MAX_SLOTS);
            if (next != null && exitCode == null) {
                throw new InvalidInput("next-without-exit-code", "next= asks for new works with the COMPLETED report:"
                        + " give exitCode= as well");
            }
            String taskUid = ex.param("taskUid");
            String sha256 = ex.header("X-XW-SHA256").orElse(null);
            if (next == null) {
                DataRow result = outcomes.result(caller, taskUid, ex.bodyStream(), ex.contentLength(), sha256, exitCode);
                ex.json(200, exitCode == null ? datas.view(result) : new ResultReceipt(datas.view(result), null));
                return;
            }
            // The result and the next works' claim in one transaction: one durable commit.
            TaskOutcomes.WithNext recorded = outcomes.resultAndNext(caller, taskUid, ex.bodyStream(), ex.contentLength(), sha256, exitCode,
                    scheduler, new WorkRequest(0, next));
            WorkResponse response = recorded.next();
            try {
                ex.json(200, new ResultReceipt(datas.view(recorded.result()), response));
            } catch (IOException | RuntimeException e) {
                for (Assignment a : response.all()) {
                    departures.undelivered(caller.host().orElseThrow(), a.taskUid(), "writing the answer failed: " + e);
                }
                throw e;
            }
        });
        router.route("POST", "/api/v1/worker/results", ex -> {
            // Protocol 3: several small results in one exchange, each answered in its own receipt.
            var caller = ex.caller();
            ResultBatchReceipt receipt = batches.record(caller, ex.body(ResultBatch.class));
            List<Assignment> claimed = receipt.next() == null ? List.of() : receipt.next().all();
            try {
                ex.json(200, receipt);
            } catch (IOException | RuntimeException e) {
                for (Assignment a : claimed) {
                    departures.undelivered(caller.host().orElseThrow(), a.taskUid(), "writing the answer failed: " + e);
                }
                throw e;
            }
        });
        router.route("POST", "/api/v1/worker/tasks/{taskUid}/status", ex -> {
            var caller = ex.caller();
            outcomes.report(caller, ex.param("taskUid"), ex.body(TaskReport.class));
            ex.noContent();
        });
        router.route("POST", "/api/v1/worker/tasks/{taskUid}/giveback", ex -> {
            outcomes.giveBack(ex.caller(), ex.param("taskUid"));
            ex.noContent();
        });
    }
}
