package xtremweb.server.task;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import xtremweb.common.model.TaskStatus;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.Heartbeat;
import xtremweb.common.wire.HeartbeatReply;
import xtremweb.server.db.Jdbc;
import xtremweb.server.host.HostDirectory;
import xtremweb.server.host.Inventories;
import xtremweb.server.host.HostRow;
import xtremweb.server.metrics.GridMetrics;
import xtremweb.server.policy.Caller;
import xtremweb.server.work.WorkChange;
import xtremweb.server.work.WorkRepository;
import xtremweb.server.work.WorkRow;

/**
 * Task leases and the heartbeats that extend them. A task's lease lasts {@link #length three alive
 * periods} from its claim or its host's last heartbeat; once it ends the task is the {@link Reaper}'s.
 */
public final class Leases {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Leases.class);
    private final Jdbc jdbc;
    private final TaskRepository tasks = new TaskRepository();
    private final WorkRepository works;
    private final HostDirectory hosts;
    private final GridMetrics metrics;
    private final Clock clock;
    private final int alivePeriodSeconds;

    public Leases(Jdbc jdbc, WorkRepository works, HostDirectory hosts, GridMetrics metrics, Clock clock, int alivePeriodSeconds) {
        this.jdbc = jdbc;
        this.works = works;
        this.hosts = hosts;
        this.metrics = metrics;
        this.clock = clock;
        this.alivePeriodSeconds = alivePeriodSeconds;
    }

    /** How long a lease lasts, from a claim or a heartbeat: three alive periods. */
    public static Duration length(int alivePeriodSeconds) {
        return Duration.ofSeconds(3L * alivePeriodSeconds);
    }

    /**
     * Gives every running task a whole lease from now, as the server starts. While no server ran,
     * hosts could not renew their leases: without this, a restart longer than a lease lost every
     * task in flight, and the results their hosts kept for the server's return were refused and
     * computed again. A host that is really gone loses its tasks one lease after the start. With
     * several servers, one starting delays the others' reaping of such tasks by as much.
     */
    public int renewAllAtStart() {
        Instant leaseEnd = clock.instant().plus(length(alivePeriodSeconds));
        int renewed = jdbc.tx("renew the leases at start", c -> tasks.renewRunningUntil(c, leaseEnd));
        if (renewed > 0) {
            LOG.info("{} running task(s) given a lease until {}: their hosts could not renew it while no server ran", renewed, leaseEnd);
        }
        return renewed;
    }

    /** Extends the leases of the host's running tasks; asks to cancel the others and those of deleted works. */
    public HeartbeatReply heartbeat(Caller caller, Heartbeat heartbeat) {
        List<String> named = TaskUids.checked("runningTaskUids", heartbeat.runningTaskUids());
        Inventories.checked("inventory.", heartbeat.inventory());
        HostRow host = hosts.callingHost(caller);
        Instant now = clock.instant();
        Instant leaseEnd = now.plus(length(alivePeriodSeconds));
        List<String> cancel = new ArrayList<>();
        if (heartbeat.inventory() == null && named.isEmpty()) {
            // An idle host saying it is alive: callingHost above did all there is to do, in memory.
            return new HeartbeatReply(cancel, alivePeriodSeconds);
        }
        jdbc.tx("heartbeat", c -> {
            cancel.clear(); // a deadlock's victim runs again: only the committed attempt's answer counts
            if (heartbeat.inventory() != null) {
                hosts.repository().saveInventory(c, host.uid(), heartbeat.inventory(), now);
            }
            for (String taskUid : named) {
                Optional<TaskRow> task = tasks.byUid(c, taskUid.toLowerCase(Locale.ROOT));
                if (task.isEmpty() || !task.get().hostUid().equals(host.uid()) || task.get().status() != TaskStatus.RUNNING) {
                    cancel.add(taskUid);
                    continue;
                }
                WorkRow work = works.byUid(c, task.get().workUid()).orElseThrow();
                if (work.deleted()) {
                    cancel.add(taskUid);
                    tasks.finish(c, task.get().uid(), TaskStatus.DONE, now);
                    if (!work.status().isFinal()) {
                        if (works.transition(c, work.uid(), work.status(), WorkStatus.ERROR, work.version(),
                                WorkChange.failed("cancelled: the work was deleted", now))) {
                            Jdbc.afterCommit(() -> metrics.failed(GridMetrics.Failure.CANCELLED));
                        }
                    }
                } else {
                    tasks.extendLease(c, task.get().uid(), host.uid(), leaseEnd);
                }
            }
            return null;
        });
        return new HeartbeatReply(cancel, alivePeriodSeconds);
    }
}
