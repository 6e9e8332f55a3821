package xtremweb.server.scheduler;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xtremweb.common.model.TaskStatus;
import xtremweb.common.model.UserRights;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.AppBinary;
import xtremweb.common.wire.Assignment;
import xtremweb.common.wire.Heartbeat;
import xtremweb.common.wire.HeartbeatReply;
import xtremweb.common.wire.InputRef;
import xtremweb.common.wire.WorkRequest;
import xtremweb.common.wire.WorkResponse;
import xtremweb.server.app.AppRow;
import xtremweb.server.app.AppService;
import xtremweb.server.data.DataRow;
import xtremweb.server.data.DataService;
import xtremweb.server.db.Jdbc;
import xtremweb.server.host.HostRepository;
import xtremweb.server.host.HostRow;
import xtremweb.server.http.ApiException;
import xtremweb.server.policy.AccessPolicy;
import xtremweb.server.policy.Caller;
import xtremweb.server.work.WorkChange;
import xtremweb.server.work.WorkRepository;
import xtremweb.server.work.WorkRow;
import xtremweb.server.work.WorkSignal;

/**
 * Gives pending works to hosts. A claim is a conditional update of the work (PENDING to RUNNING
 * at the version read) plus a task row holding the lease, in one transaction: with several
 * servers on one database, the update count decides who won.
 */
public final class Scheduler {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    static final int BATCH = 50;
    static final Duration MAX_WAIT = Duration.ofSeconds(30);
    // Re-read the database now and then while waiting: another server may have queued work.
    private static final Duration POLL = Duration.ofSeconds(5);
    private final Jdbc jdbc;
    private final WorkRepository works;
    private final TaskRepository tasks = new TaskRepository();
    private final HostRepository hosts;
    private final AppService apps;
    private final DataService datas;
    private final AccessPolicy policy;
    private final WorkSignal signal;
    private final Clock clock;
    private final int alivePeriodSeconds;

    public Scheduler(Jdbc jdbc, WorkRepository works, HostRepository hosts, AppService apps, DataService datas,
                     AccessPolicy policy, WorkSignal signal, Clock clock, int alivePeriodSeconds) {
        this.policy = policy;
        this.jdbc = jdbc;
        this.works = works;
        this.hosts = hosts;
        this.apps = apps;
        this.datas = datas;
        this.signal = signal;
        this.clock = clock;
        this.alivePeriodSeconds = alivePeriodSeconds;
    }

    AccessPolicy policy() {
        return policy;
    }

    TaskRepository tasks() {
        return tasks;
    }

    Jdbc jdbc() {
        return jdbc;
    }

    WorkSignal signal() {
        return signal;
    }

    Duration lease() {
        return Duration.ofSeconds(3L * alivePeriodSeconds);
    }

    /** Answers a work request, holding it up to {@code waitSeconds} (capped) until a matching work is pending. */
    public WorkResponse request(Caller caller, WorkRequest request) throws InterruptedException {
        HostRow host = host(caller);
        long deadline = System.nanoTime() + Duration.ofSeconds(Math.min(request.waitSeconds(), MAX_WAIT.toSeconds())).toNanos();
        while (true) {
            long seen = signal.generation();
            Optional<Assignment> assignment = claim(caller, host);
            if (assignment.isPresent()) {
                return new WorkResponse(assignment.get(), 0, alivePeriodSeconds);
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return new WorkResponse(null, ThreadLocalRandom.current().nextInt(1, 6), alivePeriodSeconds);
            }
            signal.awaitChange(seen, Duration.ofNanos(Math.min(remaining, POLL.toNanos())));
        }
    }

    /** Claims the oldest pending work this host may run, if any. */
    public Optional<Assignment> claim(Caller caller, HostRow host) {
        boolean enabled = jdbc.tx("host alive", c -> {
            hosts.alive(c, host.uid(), clock.instant());
            return hosts.byUid(c, host.uid()).map(HostRow::enabled).orElse(false);
        });
        if (!enabled) {
            // Switched off by an administrator (xwactivate off): alive, but gets no work.
            return Optional.empty();
        }
        List<WorkRow> candidates = jdbc.tx("find pending works", c -> candidates(c, caller, host));
        for (WorkRow work : candidates) {
            String taskUid = UUID.randomUUID().toString();
            Instant now = clock.instant();
            Instant leaseEnd = now.plus(lease());
            boolean won = jdbc.tx("claim work", c -> {
                if (!works.transition(c, work.uid(), WorkStatus.PENDING, WorkStatus.RUNNING, work.version(),
                        WorkChange.claimedBy(host.uid()))) {
                    return false;
                }
                tasks.insert(c, new TaskRow(taskUid, work.uid(), host.uid(), TaskStatus.RUNNING, leaseEnd, now, null));
                return true;
            });
            if (won) {
                LOG.info("work {} given to host {} as task {}", work.uid(), host.uid(), taskUid);
                return Optional.of(assignment(taskUid, work, host, leaseEnd));
            }
        }
        return Optional.empty();
    }

    /**
     * The access policy decides which works this worker may run: its scope picks the query (so the
     * database does the bulk of the filtering) and every candidate is checked again with
     * {@link AccessPolicy#mayRun}, so the query can never widen what the policy allows.
     */
    private List<WorkRow> candidates(Connection c, Caller caller, HostRow host) throws SQLException {
        if (caller.rights() == UserRights.NONE) {
            return List.of();
        }
        List<WorkRow> found = switch (policy.workerScope(caller)) {
            case PUBLIC -> works.pendingPublic(c, host.os(), host.cpu(), BATCH);
            case GROUP -> works.pendingForGroup(c, host.os(), host.cpu(), caller.usergroupUid(), BATCH);
            case PRIVATE -> works.pendingOfOwner(c, host.os(), host.cpu(), caller.userUid(), BATCH);
        };
        return found.stream().filter(w -> policy.mayRun(caller, w.owned())).toList();
    }

    private Assignment assignment(String taskUid, WorkRow work, HostRow host, Instant leaseEnd) {
        AppRow app = apps.byUidUnchecked(work.appUid()).orElseThrow();
        AppBinary binary = app.binaryFor(host.os(), host.cpu()).orElseThrow();
        return new Assignment(taskUid, work.uid(), app.name(), work.args(), input(binary.dataUid()),
                work.stdinDataUid() == null ? null : input(work.stdinDataUid()),
                work.envDataUid() == null ? null : input(work.envDataUid()), leaseEnd);
    }

    private InputRef input(String dataUid) {
        DataRow data = datas.find(dataUid).orElseThrow(() -> new IllegalStateException("input data " + dataUid + " vanished"));
        return new InputRef(data.uid(), data.name(), data.size() == null ? -1 : data.size(), data.sha256(), data.externalUri());
    }

    /** Extends the leases of the host's running tasks; asks to cancel the others and those of deleted works. */
    public HeartbeatReply heartbeat(Caller caller, Heartbeat heartbeat) {
        HostRow host = host(caller);
        Instant now = clock.instant();
        Instant leaseEnd = now.plus(lease());
        List<String> cancel = new ArrayList<>();
        jdbc.tx("heartbeat", c -> {
            hosts.alive(c, host.uid(), now);
            if (heartbeat.inventory() != null) {
                hosts.saveInventory(c, host.uid(), heartbeat.inventory(), now);
            }
            for (String taskUid : heartbeat.runningTaskUids()) {
                Optional<TaskRow> task = tasks.byUid(c, taskUid);
                if (task.isEmpty() || !task.get().hostUid().equals(host.uid()) || task.get().status() != TaskStatus.RUNNING) {
                    cancel.add(taskUid);
                    continue;
                }
                WorkRow work = works.byUid(c, task.get().workUid()).orElseThrow();
                if (work.deleted()) {
                    cancel.add(taskUid);
                    tasks.finish(c, taskUid, TaskStatus.DONE, now);
                    if (!work.status().isFinal()) {
                        works.transition(c, work.uid(), work.status(), WorkStatus.ERROR, work.version(),
                                WorkChange.failed("cancelled: the work was deleted", now));
                    }
                } else {
                    tasks.extendLease(c, taskUid, host.uid(), leaseEnd);
                }
            }
            return null;
        });
        return new HeartbeatReply(cancel, alivePeriodSeconds);
    }

    HostRow host(Caller caller) {
        String hostUid = caller.host().orElseThrow(() ->
                ApiException.forbidden("this call needs a host token; register the host first (POST /api/v1/worker/register)"));
        return jdbc.tx("find host", c -> hosts.byUid(c, hostUid)).orElseThrow(() ->
                ApiException.unauthenticated("host " + hostUid + " is not registered; register again"));
    }
}
