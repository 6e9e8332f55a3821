package xtremweb.server.scheduler;

import xtremweb.common.wire.Heartbeat;
import xtremweb.common.wire.TaskReport;
import xtremweb.common.wire.WorkRequest;
import xtremweb.server.data.DataRow;
import xtremweb.server.data.DataService;
import xtremweb.server.http.Router;

/** The worker calls under {@code /api/v1/worker/} that use a host token, and the task listing. */
public final class WorkerEndpoints {
    private final Scheduler scheduler;
    private final TaskOutcomes outcomes;
    private final DataService datas;

    public WorkerEndpoints(Scheduler scheduler, TaskOutcomes outcomes, DataService datas) {
        this.scheduler = scheduler;
        this.outcomes = outcomes;
        this.datas = datas;
    }

    public void register(Router router) {
        // Listed by users (xwtasks), registered here with the other task calls.
        router.route("GET", "/api/v1/tasks", ex -> ex.json(200, scheduler.tasks(ex.caller())));
        router.route("POST", "/api/v1/worker/workrequest", ex -> {
            var caller = ex.caller();
            ex.json(200, scheduler.request(caller, ex.body(WorkRequest.class)));
        });
        router.route("POST", "/api/v1/worker/heartbeat", ex -> {
            var caller = ex.caller();
            ex.json(200, scheduler.heartbeat(caller, ex.body(Heartbeat.class)));
        });
        router.route("GET", "/api/v1/worker/tasks/{taskUid}/inputs/{dataUid}", ex -> {
            DataRow data = outcomes.input(ex.caller(), ex.param("taskUid"), ex.param("dataUid"));
            outcomes.sent(ex.file(outcomes.store().path(data.uid()), data.size(), data.sha256()));
        });
        router.route("PUT", "/api/v1/worker/tasks/{taskUid}/result", ex -> {
            var caller = ex.caller();
            DataRow result = outcomes.result(caller, ex.param("taskUid"), ex.bodyStream(), ex.header("X-XW-SHA256").orElse(null));
            ex.json(200, datas.view(result));
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
