package xtremweb.server.work;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.rights.AccessRights;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.server.app.AppRow;
import xtremweb.server.app.AppService;
import xtremweb.server.data.DataService;
import xtremweb.server.db.Jdbc;
import xtremweb.server.host.HostDirectory;
import xtremweb.server.http.ApiException;
import xtremweb.server.policy.AccessPolicy;
import xtremweb.server.policy.Action;
import xtremweb.server.policy.Caller;
import xtremweb.server.policy.Rights;

/** Submitting, listing, reading and deleting works. */
public final class WorkService {
    private static final int LIST_LIMIT = 10_000;
    private final Jdbc jdbc;
    private final WorkRepository works;
    private final AppService apps;
    private final DataService datas;
    private final AccessPolicy policy;
    private final WorkSignal signal;
    private final Clock clock;
    private final HostDirectory hosts;

    public WorkService(Jdbc jdbc, WorkRepository works, AppService apps, DataService datas, AccessPolicy policy,
                       WorkSignal signal, Clock clock, HostDirectory hosts) {
        this.hosts = hosts;
        this.jdbc = jdbc;
        this.works = works;
        this.apps = apps;
        this.datas = datas;
        this.policy = policy;
        this.signal = signal;
        this.clock = clock;
    }

    public WorkRow submit(Caller caller, WorkSubmit request) {
        if (!policy.maySubmit(caller)) {
            throw ApiException.forbidden("a " + caller.rights() + " account cannot submit works; use a STANDARD_USER account");
        }
        AppRow app = apps.get(caller, request.app());
        if (!policy.mayExecute(caller, app.owned())) {
            throw ApiException.forbidden("you may not run app '" + app.name() + "'; ask its owner");
        }
        if (app.binaries().isEmpty()) {
            throw ApiException.unprocessable("no-binary", "app '" + app.name() + "' has no binary; insert one with xwsendapp");
        }
        requireABinaryTheGridCanRun(app);
        for (String dataUid : new String[] {request.stdinDataUid(), request.envDataUid()}) {
            if (dataUid != null) {
                datas.readable(caller, dataUid);
            }
        }
        WorkRow work = new WorkRow(UUID.randomUUID().toString(), app.uid(), app.name(), caller.userUid(),
                caller.usergroupUid(), request.label(), request.args(), WorkStatus.PENDING, null, null,
                request.stdinDataUid(), request.envDataUid(), null, policy.workRights(null, app.rights()), 0, 0, false,
                null, clock.instant(), null, new WorkRow.Requirements(request.minMemoryBytes(), request.minDiskBytes(),
                request.minCpuSpeedMhz(), expectedHost(request.expectedHostUid())));
        jdbc.tx("insert work", c -> {
            works.insert(c, work);
            return null;
        });
        signal.submitted(work);
        return work;
    }

    /** An expected host must exist: a typo would leave the work pending forever. */
    private String expectedHost(String hostUid) {
        if (hostUid == null || hostUid.isBlank()) {
            return null;
        }
        if (hosts.find(hostUid).isEmpty()) {
            throw ApiException.unprocessable("no-such-host", "expected host " + hostUid + " is not registered; list hosts with xwworkers");
        }
        return hostUid;
    }

    /**
     * A work whose app has no binary for any registered worker's platform would wait forever without
     * a word: say so at submission instead. An empty grid (no worker yet) accepts everything.
     */
    private void requireABinaryTheGridCanRun(AppRow app) {
        Set<String> grid = hosts.activePlatforms();
        List<String> offered = app.binaries().stream().map(b -> b.os() + "/" + b.cpu()).toList();
        if (!grid.isEmpty() && offered.stream().noneMatch(grid::contains)) {
            throw ApiException.unprocessable("no-binary", "app '" + app.name() + "' has no binary for the workers' platforms "
                    + grid + " (it has " + offered + "); insert one with xwsendapp");
        }
    }

    public WorkRow get(Caller caller, String uid) {
        return jdbc.tx("find work", c -> works.byUid(c, uid))
                .filter(w -> !w.deleted() && policy.mayRead(caller, w.owned()))
                .orElseThrow(() -> ApiException.notFound("work-not-found", "no work " + uid + " visible to you; list yours with xwworks"));
    }

    public List<WorkRow> list(Caller caller, WorkStatus status) {
        List<WorkRow> rows = jdbc.tx("list works", c -> caller.isSuperUser()
                ? works.all(c, LIST_LIMIT) : works.ofOwner(c, caller.userUid(), LIST_LIMIT));
        return status == null ? rows : rows.stream().filter(w -> w.status() == status).toList();
    }

    /** Marks the work deleted; a running task is cancelled at its host's next heartbeat. */
    public void delete(Caller caller, String uid) {
        WorkRow work = get(caller, uid);
        if (!policy.may(caller, Action.DELETE, work.owned())) {
            throw ApiException.forbidden("only the owner of work " + uid + " (or a SUPER_USER) may delete it");
        }
        jdbc.tx("delete work", c -> {
            works.markDeleted(c, uid);
            // the result belongs to the work: it goes with it (housekeeping frees the bytes);
            // stdin and env may be shared and go when their owner deletes them
            if (work.resultDataUid() != null) {
                datas.releaseResult(c, work.resultDataUid());
            }
            return null;
        });
    }

    /**
     * chmod: owner or SUPER_USER. The new rights are ANDed with the app's, so a work never gets
     * wider than its app (manual: job rights = requested AND app rights).
     */
    public WorkRow chmod(Caller caller, String uid, String mode) {
        WorkRow work = get(caller, uid);
        if (!policy.may(caller, Action.CHMOD, work.owned())) {
            throw ApiException.forbidden("only the owner of work " + uid + " (or a SUPER_USER) may change its rights");
        }
        AccessRights app = apps.byUidUnchecked(work.appUid()).map(AppRow::rights).orElse(AccessRights.PRIVATE);
        AccessRights rights = policy.workRights(Rights.apply(work.rights(), mode), app);
        if (!jdbc.tx("chmod work", c -> works.setRights(c, uid, rights))) {
            throw ApiException.conflict("work " + uid + " changed meanwhile; try again");
        }
        return get(caller, uid);
    }
}
