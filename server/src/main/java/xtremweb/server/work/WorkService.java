package xtremweb.server.work;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.rights.AccessRights;
import xtremweb.common.wire.WorkAwait;
import xtremweb.common.wire.WorkBatch;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.server.app.AppRow;
import xtremweb.server.app.AppService;
import xtremweb.server.certification.Certifier;
import xtremweb.server.certification.ReplicationPolicy;
import xtremweb.server.data.DataService;
import xtremweb.server.db.DbException;
import xtremweb.server.db.Jdbc;
import xtremweb.server.db.RequestKeys;
import xtremweb.server.host.HostDirectory;
import xtremweb.server.metrics.GridMetrics;
import xtremweb.server.policy.AccessPolicy;
import xtremweb.server.policy.Action;
import xtremweb.server.policy.Caller;
import xtremweb.server.policy.Rights;
import xtremweb.server.refusal.Conflict;
import xtremweb.server.refusal.Forbidden;
import xtremweb.server.refusal.NotFound;
import xtremweb.server.refusal.TooLarge;
import xtremweb.server.refusal.Unprocessable;

/** Submitting, listing, reading and deleting works. */
public final class WorkService {
    /** The most works and first copies one submission creates (one transaction): see {@code requireFewEnoughRows}. */
    public static final int MAX_ROWS_PER_REQUEST = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(WorkService.class);
    private static final int LIST_LIMIT = xtremweb.common.wire.WorkView.LISTED_AT_MOST;
    private final Jdbc jdbc;
    private final WorkRepository works;
    private final AppService apps;
    private final DataService datas;
    private final AccessPolicy policy;
    private final WorkSignal signal;
    private final Clock clock;
    private final SubmissionChecks checks;
    private final GridMetrics metrics;
    private final Certifier certifier;
    private final WorkWaits waits;

    public WorkService(Jdbc jdbc, WorkRepository works, AppService apps, DataService datas, AccessPolicy policy,
                       WorkSignal signal, Clock clock, HostDirectory hosts, WorkPlaces places, GridMetrics metrics) {
        this(jdbc, works, apps, datas, policy, signal, clock, hosts, places, metrics, null);
    }

    /** With result certification: works of a replicated policy are computed by copies ({@code certifier} null: never). */
    public WorkService(Jdbc jdbc, WorkRepository works, AppService apps, DataService datas, AccessPolicy policy,
                       WorkSignal signal, Clock clock, HostDirectory hosts, WorkPlaces places, GridMetrics metrics,
                       Certifier certifier) {
        this.certifier = certifier;
        this.metrics = metrics;
        this.jdbc = jdbc;
        this.works = works;
        this.apps = apps;
        this.datas = datas;
        this.policy = policy;
        this.signal = signal;
        this.clock = clock;
        this.checks = new SubmissionChecks(apps, datas, policy, hosts, places);
        this.waits = new WorkWaits(jdbc, works, policy);
    }

    public WorkRow submit(Caller caller, WorkSubmit request) {
        return submit(caller, request, null);
    }

    /** The same, for a request named by {@code requestKey} (null: none): see {@link #submitAll(Caller, WorkSubmit, List, String)}. */
    public WorkRow submit(Caller caller, WorkSubmit request, String requestKey) {
        return submitAll(caller, request, List.of(new WorkBatch.Job(request.args(), request.label())), requestKey).get(0);
    }

    public List<WorkRow> submitAll(Caller caller, WorkSubmit common, List<WorkBatch.Job> jobs) {
        return submitAll(caller, common, jobs, null);
    }

    /**
     * Inserts the jobs as works sharing {@code common} (app, inputs, session, group, needs): checked
     * once, written in one transaction, and handed to the ready queue at once. Their submission
     * times are a microsecond apart in the jobs' order, so the queue runs a sweep in line order.
     *
     * <p>With a {@code requestKey} ({@code Idempotency-Key}), each work keeps {@code key/i}, unique
     * for its owner: the same request sent again (its answer was lost) fails on that INSERT and is
     * answered with the works the first one created, as they are now; the same key with other jobs
     * is refused (422 {@code idempotency-key-reused}).
     */
    /**
     * Refuses a request whose works and first copies would pass {@link #MAX_ROWS_PER_REQUEST} rows: all
     * are written in one transaction, and 10,000 jobs of an app asking 50 copies each (255,000 rows)
     * held the database for minutes, every other submitter and worker waiting behind it.
     */
    private static void requireFewEnoughRows(int jobs, ReplicationPolicy replication, String appName) {
        int perJob = replication.replicated() ? 1 + replication.firstCopies() : 1;
        long rows = (long) jobs * perJob;
        if (rows > MAX_ROWS_PER_REQUEST) {
            throw new TooLarge("too-many-copies", jobs + " jobs of app '" + appName + "' with " + (perJob - 1)
                    + " first copies each make " + rows + " works and copies, more than the " + MAX_ROWS_PER_REQUEST
                    + " one request may create; send them in requests of at most " + MAX_ROWS_PER_REQUEST / perJob + " jobs");
        }
    }

    public List<WorkRow> submitAll(Caller caller, WorkSubmit common, List<WorkBatch.Job> jobs, String requestKey) {
        long started = System.nanoTime();
        checks.checkJobs(jobs);
        SubmissionChecks.Checked checked = checks.check(caller, common);
        AppRow app = checked.app();
        AccessRights rights = policy.workRights(null, app.rights());
        WorkRow.Requirements needs = new WorkRow.Requirements(common.minMemoryBytes(), common.minDiskBytes(),
                common.minCpuSpeedMhz(), checked.expectedHostUid());
        Instant now = clock.instant();
        List<WorkRow> rows = new ArrayList<>(jobs.size());
        for (WorkBatch.Job job : jobs) {
            rows.add(new WorkRow(UUID.randomUUID().toString(), app.uid(), app.name(), caller.userUid(),
                    caller.usergroupUid(), job.label(), job.args(), WorkStatus.PENDING, null, null,
                    common.stdinDataUid(), common.envDataUid(), null, rights, 0, 0, false, null,
                    now.plus(rows.size(), ChronoUnit.MICROS), null, needs, common.sessionUid(), common.groupUid()));
        }
        ReplicationPolicy replication = certifier == null ? ReplicationPolicy.SINGLE
                : app.replication().raisedBy(common.replication());
        requireFewEnoughRows(jobs.size(), replication, app.name());
        List<WorkRow> queued = replication.replicated() ? copies(rows, replication.firstCopies()) : rows;
        // A replicated work is RUNNING from the start (computed by its copies) and never queued itself.
        List<WorkRow> inserted = replication.replicated() ? rows.stream().map(w -> w.withStatus(WorkStatus.RUNNING)).toList() : rows;
        List<String> keys = RequestKeys.ofObjects(requestKey, rows.size());
        try {
            if (queued.size() == 1 && !replication.replicated()) {
                // One work (xwsendwork without --xwparams): committed with other submitters' of the
                // same moment when they arrive together (Jdbc.txGrouped).
                jdbc.txGrouped("insert work", w -> {
                    works.insert(w, queued.get(0), keys == null ? null : keys.get(0));
                    return null;
                });
            } else {
                jdbc.tx("insert works", c -> {
                    if (replication.replicated()) {
                        // The works keep the request's keys; their copies none.
                        works.insertAll(c, inserted, keys);
                        certifier.recordPolicy(c, inserted.stream().map(WorkRow::uid).toList(), replication);
                        works.insertAll(c, queued);
                    } else {
                        works.insertAll(c, queued, keys);
                    }
                    return null;
                });
            }
        } catch (DbException e) {
            if (keys == null || !RequestKeys.taken(e)) {
                throw e;
            }
            return repeated(caller, requestKey, rows, keys, e);
        }
        signal.submitted(queued);
        metrics.submitted(rows.size());
        if (rows.size() > 1) {
            LOG.info("{} works of {} for app '{}' inserted in {} ms", rows.size(), caller.login(), app.name(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        return inserted;
    }

    /**
     * The works a request named {@code requestKey} created before, for its repetition (the first
     * answer was lost): each must be the same job as the one asked again, in the same place.
     */
    private List<WorkRow> repeated(Caller caller, String requestKey, List<WorkRow> asked, List<String> keys, DbException refusal) {
        // One key past the request's last: a first request with more jobs is another request.
        List<String> lookedUp = new ArrayList<>(RequestKeys.ofObjects(requestKey, asked.size() + 1));
        java.util.Map<String, WorkRow> earlier = jdbc.tx("find works of a repeated request",
                c -> works.byRequestKeys(c, caller.userUid(), lookedUp));
        if (earlier.isEmpty()) {
            throw refusal;
        }
        List<WorkRow> answer = new ArrayList<>(asked.size());
        for (int i = 0; i < asked.size(); i++) {
            WorkRow first = earlier.get(keys.get(i));
            if (first == null || !first.sameJob(asked.get(i)) || earlier.size() != asked.size()) {
                throw new Unprocessable("idempotency-key-reused", RequestKeys.HEADER + " " + requestKey + " already named another"
                        + " request of yours, which submitted " + earlier.size() + " work(s) not the same as these; a new request"
                        + " needs a new key (the client library makes one per request)");
            }
            if (first.deleted()) {
                throw new Conflict("work-deleted", "this request was taken before: it submitted work " + first.uid()
                        + ", which was deleted since; send the request again with a new key to submit it again");
            }
            answer.add(first);
        }
        LOG.info("request {} of {} repeated (its answer was lost): answered with the {} work(s) it submitted, none inserted again",
                requestKey, caller.login(), answer.size());
        return answer;
    }

    /** The first copies of each work, in the works' order. */
    private static List<WorkRow> copies(List<WorkRow> works, int each) {
        List<WorkRow> copies = new ArrayList<>(works.size() * each);
        for (WorkRow work : works) {
            for (int i = 0; i < each; i++) {
                copies.add(work.copy(UUID.randomUUID().toString()));
            }
        }
        return copies;
    }

    public WorkRow get(Caller caller, String uid) {
        return jdbc.tx("find work", c -> works.byUid(c, uid))
                .filter(w -> !w.deleted() && policy.mayRead(caller, w.owned()))
                .orElseThrow(() -> new NotFound("work-not-found", "no work " + uid + " visible to you; list yours with xwworks"));
    }

    /** The work if the caller may read it or do {@code action} to it ({@link AccessPolicy#mayFindFor}); 404 otherwise. */
    private WorkRow getFor(Caller caller, String uid, Action action) {
        return jdbc.tx("find work", c -> works.byUid(c, uid))
                .filter(w -> !w.deleted() && policy.mayFindFor(caller, action, w.owned()))
                .orElseThrow(() -> new NotFound("work-not-found", "no work " + uid + " visible to you; list yours with xwworks"));
    }

    /** The longest a client's wait for a work's end is held ({@code waitSeconds} above is capped to it). */
    public static final Duration MAX_WAIT = Duration.ofSeconds(60);

    /**
     * The work once it has ended (COMPLETED or ERROR), or as it is when {@code wait} (capped at
     * {@link #MAX_WAIT}) has passed: a client's long poll instead of a request a second.
     */
    public WorkRow awaitEnd(Caller caller, String uid, Duration wait) throws InterruptedException {
        return waits.awaitEnd(caller, uid, wait);
    }

    /**
     * Those of the request's works that have ended, as soon as one has, or none when its wait
     * (capped at {@link #MAX_WAIT}) has passed: one long poll for a whole sweep.
     */
    public List<WorkRow> awaitAnyEnd(Caller caller, WorkAwait request) throws InterruptedException {
        return waits.awaitAnyEnd(caller, request);
    }

    /** The caller's works (everybody's for a SUPER_USER), narrowed by status, session and group when given. */
    public List<WorkRow> list(Caller caller, WorkStatus status, String sessionUid, String groupUid) {
        return list(caller, status, sessionUid, groupUid, null);
    }

    /** At most {@value xtremweb.common.wire.WorkView#LISTED_AT_MOST} works, after {@code afterUid} (the next page) or from the first. */
    public List<WorkRow> list(Caller caller, WorkStatus status, String sessionUid, String groupUid, String afterUid) {
        checks.requireListable(caller, sessionUid, groupUid);
        WorkFilter filter = new WorkFilter(caller.isSuperUser() ? null : caller.userUid(), status, sessionUid, groupUid);
        return jdbc.tx("list works", c -> works.find(c, filter, afterUid, LIST_LIMIT));
    }

    /** Marks the work deleted; a running task is cancelled at its host's next heartbeat. */
    public void delete(Caller caller, String uid) {
        WorkRow work = getFor(caller, uid, Action.DELETE);
        if (!policy.may(caller, Action.DELETE, work.owned())) {
            throw new Forbidden(policy.unlessHost(caller, "only the owner of work " + uid + " (or a SUPER_USER) may delete it"));
        }
        jdbc.tx("delete work", c -> {
            works.markDeleted(c, uid);
            if (certifier != null) {
                certifier.deleted(c, uid);
            }
            // the result belongs to the work: it goes with it (housekeeping frees the bytes);
            // stdin and env may be shared and go when their owner deletes them
            if (work.resultDataUid() != null) {
                datas.releaseResult(c, work.resultDataUid());
            }
            return null;
        });
    }

    /**
     * An app was deleted (in transaction {@code c}): its works that no host started end in ERROR
     * saying so, since no worker is given a deleted app; running ones go on with the binary their
     * host already has. So do the queued copies of replicated works, in the same transaction; their
     * works are then certified with the results they have, or end in ERROR saying the app went.
     */
    public int endPendingWorksOf(Connection c, AppRow app) throws SQLException {
        Instant now = clock.instant();
        String why = "app '" + app.name() + "' was deleted before any worker started this work; submit it again"
                + " with an installed app (xwapps)";
        // The queued copies of replicated works first: no worker will run them either. Their works
        // (RUNNING, computed by copies only) are then decided by certification with what they have.
        Set<String> replicated = new LinkedHashSet<>();
        for (WorkRow copy : works.pendingCopiesOfApp(c, app.uid())) {
            if (works.transition(c, copy.uid(), WorkStatus.PENDING, WorkStatus.ERROR, copy.version(),
                    WorkChange.failed(why, now))) {
                replicated.add(copy.certifies());
            }
        }
        for (String work : replicated) {
            certifier.ended(c, work);
        }
        int ended = 0;
        for (WorkRow work : works.pendingOfApp(c, app.uid())) {
            // A claim that won meanwhile leaves the work RUNNING: the transition then changes nothing.
            if (works.transition(c, work.uid(), WorkStatus.PENDING, WorkStatus.ERROR, work.version(), WorkChange.failed(why, now))) {
                ended++;
            }
        }
        return ended;
    }

    /**
     * chmod: owner or SUPER_USER. The new rights are ANDed with the app's, so a work never gets
     * wider than its app (manual: job rights = requested AND app rights). Its result data, and a
     * replicated work's copies and their results, take the same rights.
     */
    public WorkRow chmod(Caller caller, String uid, String mode) {
        WorkRow work = getFor(caller, uid, Action.CHMOD);
        if (!policy.may(caller, Action.CHMOD, work.owned())) {
            throw new Forbidden(policy.unlessHost(caller, "only the owner of work " + uid + " (or a SUPER_USER) may change its rights"));
        }
        AccessRights app = apps.byUidUnchecked(work.appUid()).map(AppRow::rights).orElse(AccessRights.PRIVATE);
        AccessRights rights = policy.workRights(Rights.apply(work.rights(), mode), app);
        // The work, its copies and all their results in one transaction: a result never stays
        // readable by somebody the work was just hidden from.
        if (!jdbc.tx("chmod work", c -> {
            if (!works.setRights(c, uid, rights)) {
                return false;
            }
            works.setRightsOfCopies(c, uid, rights);
            datas.followWork(c, works.resultsOfWorkAndCopies(c, uid), rights);
            return true;
        })) {
            throw new Conflict("work " + uid + " changed meanwhile; try again");
        }
        return getFor(caller, uid, Action.CHMOD);
    }
}
