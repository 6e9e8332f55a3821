package xtremweb.server.work;

import java.util.List;
import java.util.Set;
import xtremweb.common.wire.WorkBatch;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.server.app.AppRow;
import xtremweb.server.app.AppService;
import xtremweb.server.data.DataService;
import xtremweb.server.db.Column;
import xtremweb.server.host.HostDirectory;
import xtremweb.server.policy.AccessPolicy;
import xtremweb.server.policy.Caller;
import xtremweb.server.refusal.Forbidden;
import xtremweb.server.refusal.InvalidInput;
import xtremweb.server.refusal.Unprocessable;

/**
 * Everything a submission is checked for before any work is written: the caller's level, the
 * app and its binaries, the inputs, the session and group, the expected host. Done once for a
 * whole batch, since its works share all of these.
 */
final class SubmissionChecks {
    /** What the checks found: the app to run and the expected host, if any. */
    record Checked(AppRow app, String expectedHostUid) {
    }

    private final AppService apps;
    private final DataService datas;
    private final AccessPolicy policy;
    private final HostDirectory hosts;
    private final WorkPlaces places;

    SubmissionChecks(AppService apps, DataService datas, AccessPolicy policy, HostDirectory hosts, WorkPlaces places) {
        this.apps = apps;
        this.datas = datas;
        this.policy = policy;
        this.hosts = hosts;
        this.places = places;
    }

    Checked check(Caller caller, WorkSubmit request) {
        if (!policy.maySubmit(caller)) {
            throw new Forbidden(policy.whyNoSubmit(caller, "works"));
        }
        AppRow app = apps.get(caller, request.app());
        if (!policy.mayExecute(caller, app.owned())) {
            throw new Forbidden("you may not run app '" + app.name() + "'; ask its owner");
        }
        if (app.binaries().isEmpty()) {
            throw new Unprocessable("no-binary", "app '" + app.name() + "' has no binary; insert one with xwsendapp");
        }
        requireABinaryTheGridCanRun(app);
        if (request.stdinDataUid() != null) {
            datas.readableWithContent(caller, request.stdinDataUid(), "standard input");
        }
        if (request.envDataUid() != null) {
            datas.readableWithContent(caller, request.envDataUid(), "environment");
        }
        places.requireInsertable(caller, request.sessionUid(), request.groupUid());
        return new Checked(app, expectedHost(request.expectedHostUid()));
    }

    /** A session or group named to narrow a listing exists and may be read (404 otherwise). */
    void requireListable(Caller caller, String sessionUid, String groupUid) {
        places.requireReadable(caller, sessionUid, groupUid);
    }

    /**
     * Each job's label fits its column, and its arguments can reach a process: no NUL (a C string
     * ends there) and no half surrogate pair (no database stores one).
     */
    void checkJobs(List<WorkBatch.Job> jobs) {
        for (int j = 0; j < jobs.size(); j++) {
            String prefix = jobs.size() == 1 ? "" : "jobs[" + j + "].";
            Column.WORK_LABEL.name(prefix + "label", jobs.get(j).label());
            List<String> args = jobs.get(j).args();
            for (int a = 0; a < args.size(); a++) {
                String arg = args.get(a);
                if (arg.indexOf('\0') >= 0) {
                    throw new InvalidInput("field '" + prefix + "args[" + a + "]' contains NUL, which no program argument can hold");
                }
                Column.requireValidUnicode(prefix + "args[" + a + "]", arg);
            }
        }
    }

    /** An expected host must exist: a typo would leave the work pending forever. */
    private String expectedHost(String hostUid) {
        if (hostUid == null || hostUid.isBlank()) {
            return null;
        }
        if (hosts.find(hostUid).isEmpty()) {
            throw new Unprocessable("no-such-host", "expected host " + hostUid + " is not registered; list hosts with xwworkers");
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
            throw new Unprocessable("no-binary", "app '" + app.name() + "' has no binary for the workers' platforms "
                    + grid + " (it has " + offered + "); insert one with xwsendapp");
        }
    }
}
