package xtremweb.server.task;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xtremweb.common.model.DataStatus;
import xtremweb.common.model.TaskStatus;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.TaskReport;
import xtremweb.common.wire.WorkRequest;
import xtremweb.common.wire.WorkResponse;
import xtremweb.server.app.AppService;
import xtremweb.server.certification.ResultCertification;
import xtremweb.server.data.DataRepository;
import xtremweb.server.data.DataRow;
import xtremweb.server.data.DataService;
import xtremweb.server.data.DataStore;
import xtremweb.server.data.DiskFailures;
import xtremweb.server.db.Column;
import xtremweb.server.db.Jdbc;
import xtremweb.server.db.Writes;
import xtremweb.server.host.HostDirectory;
import xtremweb.server.host.HostRow;
import xtremweb.server.logging.Mdc;
import xtremweb.server.metrics.GridMetrics;
import xtremweb.server.policy.AccessPolicy;
import xtremweb.server.policy.Caller;
import xtremweb.server.refusal.Conflict;
import xtremweb.server.refusal.Forbidden;
import xtremweb.server.refusal.NotFound;
import xtremweb.server.refusal.StorageFull;
import xtremweb.server.refusal.TooLarge;
import xtremweb.server.refusal.Unprocessable;
import xtremweb.server.work.WorkChange;
import xtremweb.server.work.WorkRepository;
import xtremweb.server.work.WorkRow;
import xtremweb.server.work.WorkSignal;

/**
 * What a worker does with a task it holds: download its inputs, upload its result, report how it
 * ended. Every call checks the task is assigned to the calling host and still running.
 */
public final class TaskOutcomes {
    private static final Logger LOG = LoggerFactory.getLogger(TaskOutcomes.class);
    private final Jdbc jdbc;
    private final TaskRepository tasks = new TaskRepository();
    private final WorkRepository works;
    private final HostDirectory hosts;
    private final AccessPolicy policy;
    private final WorkSignal signal;
    private final GridMetrics metrics;
    private final AppService apps;
    private final DataService datas;
    private final DataRepository dataRows;
    private final Clock clock;
    private final ResultCertification certification;
    private final StartedTasks started;

    public TaskOutcomes(Jdbc jdbc, WorkRepository works, HostDirectory hosts, AppService apps, DataService datas,
                        DataRepository dataRows, AccessPolicy policy, WorkSignal signal, GridMetrics metrics, Clock clock) {
        this(jdbc, works, hosts, apps, datas, dataRows, policy, signal, metrics, clock, ResultCertification.NONE);
    }

    public TaskOutcomes(Jdbc jdbc, WorkRepository works, HostDirectory hosts, AppService apps, DataService datas,
                        DataRepository dataRows, AccessPolicy policy, WorkSignal signal, GridMetrics metrics, Clock clock,
                        ResultCertification certification) {
        this(jdbc, works, hosts, apps, datas, dataRows, policy, signal, metrics, clock, certification, new StartedTasks(Duration.ZERO));
    }

    /** With the tasks this server's scheduler started ({@code started}, filled through {@code Scheduler.onStarted}). */
    public TaskOutcomes(Jdbc jdbc, WorkRepository works, HostDirectory hosts, AppService apps, DataService datas,
                        DataRepository dataRows, AccessPolicy policy, WorkSignal signal, GridMetrics metrics, Clock clock,
                        ResultCertification certification, StartedTasks started) {
        this.started = started;
        this.certification = certification;
        this.jdbc = jdbc;
        this.works = works;
        this.hosts = hosts;
        this.policy = policy;
        this.signal = signal;
        this.metrics = metrics;
        this.apps = apps;
        this.datas = datas;
        this.dataRows = dataRows;
        this.clock = clock;
    }

    /** A task checked to be the host's and running, with its work; {@code hinted}: as its claim left them, not read. */
    private record Held(HostRow host, TaskRow task, WorkRow work, boolean hinted) {
    }

    private Held held(Caller caller, String taskUid) {
        return held(hosts.callingHost(caller), taskUid);
    }

    private Held held(HostRow host, String taskUid) {
        // The task and its work in one transaction: one connection, one commit.
        return jdbc.tx("find task", c -> held(c, host, taskUid));
    }

    /**
     * The task, checked to be this host's and still running, with its work, read on {@code c}. A task
     * whose lease's time is over but that the reaper has not taken yet is still the host's: its
     * writes are conditional on RUNNING, so the first of the result and the reaper wins and the
     * other changes nothing. Refused on the lease's time alone, a host that kept its result through
     * a database outage had it refused (409) in the seconds between the database's return and the
     * reaper's renewal of the leases, and dropped it.
     */
    private Held held(Connection c, HostRow host, String taskUid) throws SQLException {
        TaskRow task = tasks.byUid(c, taskUid).orElseThrow(() -> new NotFound("task-not-found", "no task " + taskUid));
        if (!task.hostUid().equals(host.uid())) {
            throw new Forbidden("task " + taskUid + " is not assigned to host " + host.uid());
        }
        if (task.status() != TaskStatus.RUNNING) {
            throw new Conflict("task " + taskUid + " is no longer this host's (" + task.status()
                    + ", lease ended " + task.leaseExpires() + "); drop it and ask for new work");
        }
        Mdc.put(Mdc.WORK, task.workUid());
        return new Held(host, task, works.byUid(c, task.workUid()).orElseThrow(), false);
    }

    /** The host making the call, checked to be registered: a call without a host token is refused whole. */
    public HostRow callingHost(Caller caller) {
        return hosts.callingHost(caller);
    }

    /** An input of the task's work: its binary for this host's platform, its stdin or its env. */
    public DataRow input(Caller caller, String taskUid, String dataUid) {
        Held held = held(caller, taskUid);
        Set<String> inputs = new HashSet<>();
        apps.byUidUnchecked(held.work().appUid())
                .flatMap(a -> a.binaryFor(held.host().os(), held.host().cpu()))
                .ifPresent(b -> inputs.add(b.dataUid()));
        if (held.work().stdinDataUid() != null) {
            inputs.add(held.work().stdinDataUid());
        }
        if (held.work().envDataUid() != null) {
            inputs.add(held.work().envDataUid());
        }
        if (!inputs.contains(dataUid)) {
            throw new NotFound("data-not-found", "data " + dataUid + " is not an input of task " + taskUid);
        }
        DataRow data = datas.find(dataUid).filter(d -> d.status() == DataStatus.AVAILABLE && !d.external()).orElseThrow(() ->
                new NotFound("data-not-found", "input " + dataUid + " of task " + taskUid + " has no content"));
        // The app's binary goes with the right to run the work; stdin and env are data the
        // worker's identity must be allowed to read (manual: a public job referring private data fails).
        boolean binary = !dataUid.equals(held.work().stdinDataUid()) && !dataUid.equals(held.work().envDataUid());
        if (!binary && !policy.mayDownloadInput(caller, data.owned())) {
            throw new Forbidden("input-forbidden", "input " + data.name() + " (" + dataUid + ") is data with rights " + data.rights()
                    + " that worker account '" + caller.login() + "' may not read; make the data public (xwchmod a+r)"
                    + " or run the work on a group or private worker");
        }
        return data;
    }

    /** Counts a batch of results received in one exchange. */
    public void batchReceived(int results) {
        metrics.resultBatch(results);
    }

    /** Counts the bytes of an input sent to a worker. */
    public void sent(long bytes) {
        metrics.sentToWorker(bytes);
    }

    public DataStore store() {
        return datas.store();
    }

    /** Stores the result zip as a data of the work's owner (delegation) and moves the work to DATAREQUEST. */
    public DataRow result(Caller caller, String taskUid, InputStream body, String declaredSha256) throws IOException {
        return result(caller, taskUid, body, declaredSha256, null);
    }

    /**
     * As {@link #result(Caller, String, InputStream, String)}; with an {@code exitCode} (protocol 2)
     * the upload is also the COMPLETED report: the work goes straight to COMPLETED and the task ends
     * in the same transaction, one call and one durable commit instead of two of each.
     */
    public DataRow result(Caller caller, String taskUid, InputStream body, String declaredSha256, Integer exitCode)
            throws IOException {
        return result(caller, taskUid, body, -1, declaredSha256, exitCode);
    }

    /** As {@link #result(Caller, String, InputStream, String, Integer)}, the body announcing {@code contentLength} bytes (-1: unknown). */
    public DataRow result(Caller caller, String taskUid, InputStream body, long contentLength, String declaredSha256,
                          Integer exitCode) throws IOException {
        return result(caller, taskUid, body, contentLength, declaredSha256, exitCode, (what, work) -> jdbc.tx(what, c -> work.run(Writes.on(c))));
    }

    /**
     * As {@link #result(Caller, String, InputStream, long, String, Integer)} with an exit code, its
     * transaction committed with those of other results arriving at the same moment (one of a
     * batch's results: {@link ResultBatches} records them side by side, one durable commit for all).
     * {@code resetsHostFailures}: this result's transaction ends the host's run of failures, as a lone
     * result's does; false for the batch's other results, whose first one does it (a statement less each).
     */
    public DataRow resultGrouped(Caller caller, String taskUid, InputStream body, long contentLength, String declaredSha256,
                                 int exitCode, boolean resetsHostFailures) throws IOException {
        return result(caller, taskUid, body, contentLength, declaredSha256, exitCode, new Recording() {
            @Override
            public boolean tx(String what, Jdbc.Writing<Boolean> work) {
                return jdbc.txGrouped(what, work);
            }

            @Override
            public boolean endsHostFailures() {
                // True tells record() the host's failures are taken care of elsewhere: no update here.
                return !resetsHostFailures;
            }
        });
    }

    /** A result recorded, and the host's next works claimed in the same transaction. */
    public record WithNext(DataRow result, WorkResponse next) {
    }

    /**
     * As {@link #result(Caller, String, InputStream, String, Integer)} with an exit code, and the
     * host's next works ({@code next}: how many, without waiting) claimed in the same transaction
     * as the result is recorded: a busy worker's whole exchange is one durable commit.
     */
    public WithNext resultAndNext(Caller caller, String taskUid, InputStream body, String declaredSha256, int exitCode,
                                  WorkRequests claims, WorkRequest next) throws IOException {
        return resultAndNext(caller, taskUid, body, -1, declaredSha256, exitCode, claims, next);
    }

    /** As {@link #resultAndNext(Caller, String, InputStream, String, int, WorkRequests, WorkRequest)}, the body announcing {@code contentLength} bytes. */
    public WithNext resultAndNext(Caller caller, String taskUid, InputStream body, long contentLength, String declaredSha256,
                                  int exitCode, WorkRequests claims, WorkRequest next) throws IOException {
        WorkResponse[] claimed = new WorkResponse[1];
        DataRow result = result(caller, taskUid, body, contentLength, declaredSha256, exitCode, new Recording() {
            @Override
            public boolean tx(String what, Jdbc.Writing<Boolean> work) {
                WorkRequests.WithNext done = claims.nextAfter(caller, next, what, work, true);
                claimed[0] = done.next();
                return done.done();
            }

            @Override
            public boolean endsHostFailures() {
                return true;
            }
        });
        return new WithNext(result, claimed[0]);
    }

    /** How a result's transaction runs: alone, or with the claim of the host's next works. */
    @FunctionalInterface
    private interface Recording {
        boolean tx(String what, Jdbc.Writing<Boolean> work);

        /**
         * True when the transaction itself ends the host's run of failures once the work is
         * recorded COMPLETED (the claim does it with the statement that locks the host's row).
         */
        default boolean endsHostFailures() {
            return false;
        }
    }

    private DataRow result(Caller caller, String taskUid, InputStream body, long contentLength, String declaredSha256,
                           Integer exitCode, Recording recording) throws IOException {
        HostRow host = hosts.callingHost(caller);
        // A task this server started is known from its claim: no transaction to read it back first.
        Held held = started.of(taskUid, host.uid(), clock.instant())
                .map(s -> new Held(host, s.task(), s.work(), true))
                .orElseGet(() -> held(host, taskUid));
        Mdc.put(Mdc.WORK, held.work().uid());
        requireRunning(held.work());
        DataStore store = datas.store();
        // The result's uid comes first: an object store receives the bytes under their final name.
        String resultUid = java.util.UUID.randomUUID().toString();
        DataStore.Received received;
        try {
            InputStream limited = datas.resultBody(held.work().ownerUid(), held.work().uid(), body, contentLength);
            received = DiskFailures.storing(store, limited, in -> store.receive(resultUid, in));
        } catch (TooLarge | StorageFull refused) {
            if (refused instanceof TooLarge || refused.code().equals("quota-exceeded")) {
                // No upload of this result can ever fit: the work ends here, so the worker's next
                // attempt is told the task is over (409) instead of sending it again and again.
                try {
                    end(host, taskUid, TaskReport.error("its result was refused: " + refused.detail()), false);
                } catch (Conflict movedMeanwhile) {
                    // Given back, reaped or ended meanwhile: the refusal of the bytes still stands.
                }
            }
            throw refused;
        }
        if (declaredSha256 != null && !declaredSha256.equalsIgnoreCase(received.sha256())) {
            store.discard(received);
            throw new Unprocessable("checksum-mismatch", "the result received has SHA-256 " + received.sha256()
                    + " but the header says " + declaredSha256 + "; upload it again");
        }
        store.accept(received, resultUid);
        DataRow result;
        try {
            result = record(held, taskUid, resultUid, received, exitCode, recording);
            if (result == null && held.hinted()) {
                // The rows moved since the claim (the owner's chmod or delete, a lease lost, a
                // give-back): decide on them as they are now, as an upload without the hint does.
                Held now = held(host, taskUid);
                requireRunning(now.work());
                result = record(now, taskUid, resultUid, received, exitCode, recording);
            }
        } catch (RuntimeException e) {
            store.delete(resultUid);
            throw e;
        }
        if (result == null) {
            store.delete(resultUid);
            throw new Conflict("work " + held.work().uid() + " changed while its result was uploaded; drop the task");
        }
        if (exitCode != null) {
            started.ended(taskUid);
        }
        metrics.resultReceived(received.size());
        if (exitCode != null) {
            metrics.completed();
            LOG.info("work {} COMPLETED with exit code {} on host {} as task {}", held.work().uid(), exitCode, host.uid(), taskUid);
        }
        return result;
    }

    private static void requireRunning(WorkRow work) {
        if (work.status() != WorkStatus.RUNNING) {
            throw new Conflict("work " + work.uid() + " is " + work.status() + "; its result was already uploaded");
        }
    }

    /**
     * Records the stored result of the task as {@code held} says it is, in one transaction whose
     * conditional updates decide: the result's data row, or null when the work or task moved.
     */
    private DataRow record(Held held, String taskUid, String resultUid, DataStore.Received received, Integer exitCode,
                           Recording recording) {
        WorkRow work = held.work();
        Instant now = clock.instant();
        DataRow result = new DataRow(resultUid, work.uid() + ".zip", "ZIP", null, null,
                received.size(), received.sha256(), received.size(), received.sha256(), DataStatus.AVAILABLE,
                work.rights(), work.ownerUid(), work.ownerGroupUid(), now).heldBy(datas.holderOfNewContent()); // issue 18: who holds the bytes
        try {
            boolean moved = recording.tx("record result", w -> {
                // Written through Writes (w): with the claim of the host's next works, a group
                // commit may record it with other hosts' results (Jdbc.txGrouped).
                if (exitCode == null) {
                    if (!works.transition(w, work.uid(), WorkStatus.RUNNING, WorkStatus.DATAREQUEST, work.version(),
                            WorkChange.result(result.uid()))) {
                        return false;
                    }
                } else if (!works.transition(w, work.uid(), WorkStatus.RUNNING, WorkStatus.COMPLETED, work.version(),
                        WorkChange.completedWith(result.uid(), exitCode, now))
                        || !tasks.finish(w, taskUid, TaskStatus.DONE, now)) {
                    // Rolled back below: neither half of the report is kept without the other.
                    throw new ChangedMeanwhile();
                } else if (!recording.endsHostFailures()) {
                    hosts.repository().succeeded(w, held.host().uid());
                }
                dataRows.insert(w, result);
                if (exitCode != null && work.certifies() != null) {
                    // >>> Certification hook (issue 14), protocol 2: this upload is also the copy's
                    // COMPLETED report, so its work is validated here, in the same transaction (it
                    // reads the copies: never in a group commit).
                    certification.ended(w.connection(), work.certifies());
                }
                return true;
            });
            return moved ? result : null;
        } catch (ChangedMeanwhile e) {
            return null;
        }
    }

    /** A protocol-2 result's transaction found the work or the task changed: it rolls back whole. */
    private static final class ChangedMeanwhile extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ChangedMeanwhile() {
            super(null, null, false, false);
        }
    }

    /** COMPLETED (after the result upload) or ERROR; ends the task. */
    public void report(Caller caller, String taskUid, TaskReport report) {
        Column.WORK_ERROR.text("errorMessage", report.errorMessage());
        end(hosts.callingHost(caller), taskUid, report, true);
    }

    /**
     * Ends the task as {@code report} says. {@code hostsReport}: the host reported it, and its
     * failures count towards benching it; false when the server ends the task itself for a reason
     * that is not the host's (its owner's quota full).
     */
    private void end(HostRow host, String taskUid, TaskReport report, boolean hostsReport) {
        Instant now = clock.instant();
        String hostUid = host.uid();
        // Checks and changes in one transaction: the report is the commonest worker call after the
        // work request, and a second transaction would be a second durable commit.
        String[] workUid = new String[1];
        boolean benched = jdbc.tx("record report", c -> {
            WorkRow work = held(c, host, taskUid).work();
            workUid[0] = work.uid();
            if (report.status() == WorkStatus.COMPLETED && work.status() != WorkStatus.DATAREQUEST) {
                throw new Conflict("work " + work.uid() + " is " + work.status() + "; upload the result before reporting COMPLETED");
            }
            if (work.status().isFinal()) {
                throw new Conflict("work " + work.uid() + " already ended " + work.status());
            }
            WorkChange change = report.status() == WorkStatus.COMPLETED
                    ? WorkChange.completed(report.exitCode(), now)
                    : WorkChange.failed(report.errorMessage(), now);
            if (!tasks.finish(c, taskUid, TaskStatus.DONE, now)
                    || !works.transition(c, work.uid(), work.status(), report.status(), work.version(), change)) {
                throw new Conflict("task " + taskUid + " changed meanwhile; drop it");
            }
            // >>> Certification hook (issue 14): the copy of a replicated work just ended; its work is
            // validated in this same transaction. Does nothing for a work computed once.
            certification.ended(c, work.certifies());
            // A host whose jobs keep failing (a broken machine, a missing library) would drain the
            // queue into ERROR: after a few failures in a row it sits out for a while.
            if (!hostsReport) {
                return false;
            }
            if (report.status() == WorkStatus.ERROR) {
                return hosts.repository().failed(c, hostUid, Bench.AFTER, now.plus(Bench.FOR));
            }
            hosts.repository().succeeded(c, hostUid);
            return false;
        });
        started.ended(taskUid);
        // With "given to host" (Scheduler) and the reaper's lines, a work's life can be read from the log by its UID.
        if (report.status() == WorkStatus.COMPLETED) {
            metrics.completed();
            LOG.info("work {} COMPLETED with exit code {} on host {} as task {}", workUid[0], report.exitCode(), hostUid, taskUid);
        } else {
            metrics.failed(GridMetrics.Failure.REPORTED);
            LOG.info("work {} ends in ERROR: {} (reported by host {} as task {})", workUid[0], report.errorMessage(), hostUid, taskUid);
        }
        if (benched) {
            hosts.forget(hostUid);
            LOG.warn("host {} benched until {}: {} failed jobs in a row, the last: {}", hostUid, now.plus(Bench.FOR),
                    Bench.AFTER, report.errorMessage());
        }
    }

    /**
     * The host hands the task back without running it to its end (its owner took the machine back
     * for too long): the work goes back to PENDING at once and the retry counter is not raised,
     * since neither the work nor the host failed.
     */
    public void giveBack(Caller caller, String taskUid) {
        Held held = held(caller, taskUid);
        WorkRow work = held.work();
        if (work.status() != WorkStatus.RUNNING) {
            throw new Conflict("work " + work.uid() + " is " + work.status() + "; only a running work can be given back");
        }
        Instant now = clock.instant();
        jdbc.tx("give back task", c -> {
            if (!tasks.finish(c, taskUid, TaskStatus.LOST, now)
                    || !works.transition(c, work.uid(), WorkStatus.RUNNING, WorkStatus.PENDING, work.version(), WorkChange.givenBack())) {
                throw new Conflict("task " + taskUid + " changed meanwhile; drop it");
            }
            return null;
        });
        started.ended(taskUid);
        metrics.givenBack();
        signal.signal();
    }
}
