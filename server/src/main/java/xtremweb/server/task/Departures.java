package xtremweb.server.task;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xtremweb.common.model.TaskStatus;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.Goodbye;
import xtremweb.server.db.Jdbc;
import xtremweb.server.host.HostDirectory;
import xtremweb.server.host.HostRow;
import xtremweb.server.metrics.GridMetrics;
import xtremweb.server.policy.Caller;
import xtremweb.server.work.WorkChange;
import xtremweb.server.work.WorkRepository;
import xtremweb.server.work.WorkRow;
import xtremweb.server.work.WorkSignal;

/**
 * Workers that go away. One that stops says goodbye: its waiting work request ends with no work and
 * its running tasks go back to the queue. One that vanishes while its work request waits (killed,
 * connection closed) cannot be given a work, and if it vanished just as a work was claimed for it,
 * the answer that could not be delivered gives the work back. Either way the work is PENDING again
 * at once and no retry is counted: neither the work nor the host failed it. A worker that vanishes
 * later, without a word, is the {@link Reaper}'s, when its lease expires.
 */
public final class Departures {
    private static final Logger LOG = LoggerFactory.getLogger(Departures.class);
    private final Jdbc jdbc;
    private final TaskRepository tasks = new TaskRepository();
    private final WorkRepository works;
    private final HostDirectory hosts;
    private final GridMetrics metrics;
    private final WorkSignal signal;
    private final Clock clock;

    public Departures(Jdbc jdbc, WorkRepository works, HostDirectory hosts, WorkSignal signal, GridMetrics metrics, Clock clock) {
        this.jdbc = jdbc;
        this.works = works;
        this.hosts = hosts;
        this.signal = signal;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The calling host's worker is stopping; returns how many works went back to PENDING. */
    public int leave(Caller caller, Goodbye goodbye) {
        // Checked before the host is marked gone: a refused goodbye changes nothing.
        Set<String> kept = Set.copyOf(TaskUids.checked("keptTaskUids", goodbye.keptTaskUids()));
        HostRow host = hosts.registeredHost(caller);
        Instant now = clock.instant();
        // The host's row first, in a transaction of its own: once it commits, every claim for the host
        // reads it and refuses, and the claims that read it before hold it until they commit, so the
        // running tasks read next include theirs.
        jdbc.tx("host leaves", c -> hosts.repository().left(c, host.uid(), now));
        hosts.withdraw(host.uid());
        List<String> back = jdbc.tx("give back a departing host's tasks", c -> {
            List<String> requeued = new ArrayList<>();
            for (TaskRow task : tasks.runningOn(c, host.uid())) {
                if (!kept.contains(task.uid()) && giveBack(c, task, now)) {
                    requeued.add(task.workUid());
                }
            }
            return requeued;
        });
        if (!back.isEmpty()) {
            back.forEach(w -> metrics.givenBack());
            signal.signal();
        }
        LOG.info("host {} said goodbye: its waiting work request ended, {} work(s) back to PENDING at once{}", host.uid(),
                back.size(), kept.isEmpty() ? "" : ", " + kept.size() + " task(s) kept for a result still to come");
        return back.size();
    }

    /**
     * The answer that gave {@code taskUid} to {@code hostUid} did not reach it (the worker hung up
     * or the write failed): the work goes back to PENDING at once.
     */
    public void undelivered(String hostUid, String taskUid, String why) {
        Instant now = clock.instant();
        boolean back = jdbc.tx("give back an undelivered task", c -> {
            Optional<TaskRow> task = tasks.byUid(c, taskUid);
            return task.isPresent() && task.get().hostUid().equals(hostUid) && giveBack(c, task.get(), now);
        });
        if (back) {
            metrics.givenBack();
            signal.signal();
            LOG.info("task {} given back at once: its assignment to host {} could not be delivered ({}); not counted as a"
                    + " retry", taskUid, hostUid, why);
        }
    }

    /** Ends a running task and puts its work back in the queue (or ends it, if it was deleted meanwhile). */
    private boolean giveBack(Connection c, TaskRow task, Instant now) throws SQLException {
        if (!tasks.finish(c, task.uid(), TaskStatus.LOST, now)) {
            return false;
        }
        Optional<WorkRow> found = works.byUid(c, task.workUid());
        if (found.isEmpty() || !task.hostUid().equals(found.get().hostUid())
                || (found.get().status() != WorkStatus.RUNNING && found.get().status() != WorkStatus.DATAREQUEST)) {
            return false;
        }
        WorkRow work = found.get();
        if (work.deleted()) {
            if (works.transition(c, work.uid(), work.status(), WorkStatus.ERROR, work.version(),
                    WorkChange.failed("cancelled: the work was deleted", now))) {
                Jdbc.afterCommit(() -> metrics.failed(GridMetrics.Failure.CANCELLED)); // once: the transaction may run again
            }
            return false;
        }
        return works.transition(c, work.uid(), work.status(), WorkStatus.PENDING, work.version(), WorkChange.givenBack());
    }
}
