package xtremweb.server.work;

import java.util.List;
import java.util.Locale;
import xtremweb.common.model.Uid;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.RightsChange;
import xtremweb.common.wire.WorkAwait;
import xtremweb.common.wire.WorkBatch;
import xtremweb.common.wire.WorkBatchResult;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.server.db.RequestKeys;
import xtremweb.server.http.Router;
import xtremweb.common.wire.WorkView;
import xtremweb.server.refusal.InvalidInput;
import xtremweb.server.user.Names;

/** {@code /api/v1/works}. */
public final class WorkEndpoints {
    private final WorkService service;
    private final Names names;

    public WorkEndpoints(WorkService service, Names names) {
        this.service = service;
        this.names = names;
    }

    public void register(Router router) {
        // Idempotency-Key: a request sent again after its answer was lost is answered with what it created.
        router.route("POST", "/api/v1/works", ex -> ex.json(201, service.submit(ex.caller(), ex.body(WorkSubmit.class),
                RequestKeys.checked(ex.header(RequestKeys.HEADER))).view()));
        router.route("POST", "/api/v1/works/batch", ex -> {
            WorkBatch batch = ex.body(WorkBatch.class);
            List<WorkRow> rows = service.submitAll(ex.caller(), batch.common(), batch.jobs(),
                    RequestKeys.checked(ex.header(RequestKeys.HEADER)));
            ex.json(201, new WorkBatchResult(rows.stream().map(WorkRow::uid).toList()));
        });
        // One long poll for any of many works to end (xwresult --xwwait with several UIDs, sweeps).
        router.route("POST", "/api/v1/works/await", ex -> ex.json(200, names.withOwnerLogins(
                service.awaitAnyEnd(ex.caller(), ex.body(WorkAwait.class)).stream().map(WorkRow::view).toList(),
                WorkView::ownerUid, WorkView::withOwnerLogin)));
        router.route("GET", "/api/v1/works", ex -> {
            WorkStatus status = ex.query("status").map(WorkEndpoints::status).orElse(null);
            // Owners by login: an administrator lists every user's works and must tell them apart.
            // ?after=UID: the next page, from the work after that one (a listing holds at most WorkView.LISTED_AT_MOST).
            String after = ex.query("after").map(WorkEndpoints::uid).orElse(null);
            ex.json(200, names.withOwnerLogins(service.list(ex.caller(), status,
                    ex.query("session").map(Uid::canonical).orElse(null), ex.query("group").map(Uid::canonical).orElse(null),
                    after).stream().map(WorkRow::view).toList(), WorkView::ownerUid,
                    WorkView::withOwnerLogin));
        });
        router.route("GET", "/api/v1/works/{uid}", ex -> {
            // ?waitSeconds=N: answer once the work has ended, or after N seconds (long poll).
            var wait = ex.query("waitSeconds");
            if (wait.isEmpty()) {
                ex.json(200, withOwnerLogin(service.get(ex.caller(), ex.param("uid")).view()));
                return;
            }
            long seconds;
            try {
                seconds = Long.parseLong(wait.get());
            } catch (NumberFormatException e) {
                // Too many digits for a long is still a whole number: shortened to the cap like any long wait.
                seconds = wait.get().matches("\\+?[0-9]+") ? Long.MAX_VALUE : -1;
            }
            if (seconds < 0) {
                throw new InvalidInput("bad-waitSeconds", "waitSeconds=" + wait.get() + " is not a whole number of seconds (0 or more;"
                        + " waits longer than " + WorkService.MAX_WAIT.toSeconds() + " s are shortened to that)");
            }
            ex.json(200, withOwnerLogin(service.awaitEnd(ex.caller(), ex.param("uid"),
                    java.time.Duration.ofSeconds(Math.min(seconds, WorkService.MAX_WAIT.toSeconds()))).view()));
        });
        router.route("PUT", "/api/v1/works/{uid}/rights", ex ->
                ex.json(200, service.chmod(ex.caller(), ex.param("uid"), ex.body(RightsChange.class).rights()).view()));
        router.route("DELETE", "/api/v1/works/{uid}", ex -> {
            service.delete(ex.caller(), ex.param("uid"));
            ex.noContent();
        });
    }

    /** One work with its owner's login: xwworks UID shows another user's readable work by its owner's login too. */
    private WorkView withOwnerLogin(WorkView work) {
        return work.withOwnerLogin(names.logins(List.of(work.ownerUid())).get(work.ownerUid()));
    }

    private static WorkStatus status(String text) {
        try {
            return WorkStatus.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("unknown status '" + text + "'; use one of PENDING, RUNNING, DATAREQUEST, COMPLETED, ERROR");
        }
    }

    private static String uid(String text) {
        if (!Uid.isUid(text)) {
            throw new InvalidInput("bad-after", "after=" + text + " is not a work UID (the last work of the previous page)");
        }
        return text.toLowerCase(Locale.ROOT);
    }
}
