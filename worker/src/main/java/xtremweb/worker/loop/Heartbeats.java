package xtremweb.worker.loop;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwConnectException;
import xtremweb.common.wire.Heartbeat;
import xtremweb.common.wire.HostInventory;
import xtremweb.common.wire.HeartbeatReply;
import xtremweb.worker.server.ServerSession;
import xtremweb.worker.server.StopSignal;
import xtremweb.worker.task.RunningTasks;

/**
 * Every alive period, tells the server which tasks run here (extending their leases) and kills the
 * ones it wants cancelled (work deleted, lease already given to another host).
 */
final class Heartbeats implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeats.class);

    private final ServerSession session;
    private final RunningTasks running;
    private final StopSignal stop;
    /** The machine's description rides on a heartbeat this often: free memory and disk change. */
    static final Duration INVENTORY_PERIOD = Duration.ofMinutes(30);
    private long lastInventoryNanos = System.nanoTime();
    /**
     * While the server stays unreachable a heartbeat fails every alive period (a night's outage: thousands
     * of lines saying the same): the first failure is logged, then a reminder this often, and the return.
     */
    static final Duration REMIND_EVERY = Duration.ofMinutes(10);
    private int failedInARow;
    private long lastWarnNanos;

    Heartbeats(ServerSession session, RunningTasks running, StopSignal stop) {
        this.session = session;
        this.running = running;
        this.stop = stop;
    }

    @Override
    public void run() {
        while (stop.pause(Duration.ofSeconds(session.alivePeriodSeconds()))) {
            beat();
        }
    }

    void beat() {
        List<String> uids = running.taskUids();
        HostInventory inventory = null;
        if (System.nanoTime() - lastInventoryNanos >= INVENTORY_PERIOD.toNanos()) {
            inventory = session.inventory();
            lastInventoryNanos = System.nanoTime();
        }
        Heartbeat heartbeat = new Heartbeat(uids, inventory);
        try {
            HeartbeatReply reply = session.call(http -> http.post("/api/v1/worker/heartbeat", heartbeat,
                    HeartbeatReply.class));
            if (failedInARow > 0) {
                LOG.info("heartbeats reach the server again, after {} failed in a row", failedInARow);
                failedInARow = 0;
            }
            if (reply == null) {
                return;
            }
            session.alivePeriodSeconds(reply.alivePeriodSeconds());
            for (String uid : reply.cancelTaskUids()) {
                switch (running.cancel(uid)) {
                    case KILLED -> LOG.info("task {} cancelled by the server; its process was killed", uid);
                    case NO_PROCESS -> LOG.info("task {} cancelled by the server; no job of it runs, none will", uid);
                    case NOT_HERE -> { }
                }
            }
        } catch (XwConnectException | XwApiException e) {
            if (stop.stopping()) {
                return;
            }
            failedInARow++;
            long now = System.nanoTime();
            if (failedInARow == 1) {
                LOG.warn("heartbeat for {} task(s) failed: {}", uids.size(), e.getMessage());
                lastWarnNanos = now;
            } else if (now - lastWarnNanos >= REMIND_EVERY.toNanos()) {
                LOG.warn("heartbeats still fail ({} in a row; the next reminder in {} min): {}", failedInARow,
                        REMIND_EVERY.toMinutes(), e.getMessage());
                lastWarnNanos = now;
            }
        }
    }
}
