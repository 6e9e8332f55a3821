package xtremweb.server.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import xtremweb.common.model.WorkStatus;
import xtremweb.server.metrics.Census;
import xtremweb.server.metrics.GridMetrics;

/**
 * The last day of the grid, one point per census (every {@code status.sample} s), in memory: the
 * charts of the status page. It starts empty with each server process; with several servers on one
 * database, each shows its own throughput and latency, and the same hosts.
 */
final class History {
    static final Duration KEPT = Duration.ofHours(24);
    // Enough for a day at one point every 5 s; a shorter sample period keeps a shorter history.
    private static final int MAX_POINTS = 17_280;
    private final GridMetrics metrics;
    private final ArrayDeque<Point> points = new ArrayDeque<>();
    private GridMetrics.Totals last;

    /**
     * One sample. Rates are per minute over the interval since the previous point; the latency is
     * the mean wait of the works first dispatched in that interval (NaN when none was).
     */
    record Point(Instant at, long hostsAlive, long pending, long running, double completedPerMinute,
                 double submittedPerMinute, double failedPerMinute, double latencySeconds, long firstDispatches,
                 long completed, long failed) {
    }

    History(GridMetrics metrics) {
        this.metrics = metrics;
    }

    synchronized void add(Census census) {
        GridMetrics.Totals now = metrics.totals();
        Point previous = points.peekLast();
        double minutes = previous == null ? 0 : Duration.between(previous.at(), census.at()).toMillis() / 60_000.0;
        double completed = 0;
        double submitted = 0;
        double failed = 0;
        double latency = Double.NaN;
        long dispatched = 0;
        if (last != null && minutes > 0) {
            completed = (now.completed() - last.completed()) / minutes;
            submitted = (now.submitted() - last.submitted()) / minutes;
            failed = (now.failed() - last.failed()) / minutes;
            dispatched = now.latencyCount() - last.latencyCount();
            if (dispatched > 0) {
                latency = (now.latencyMillis() - last.latencyMillis()) / 1000.0 / dispatched;
            }
        }
        last = now;
        points.addLast(new Point(census.at(), census.hosts().alive(), census.works(WorkStatus.PENDING),
                census.works(WorkStatus.RUNNING) + census.works(WorkStatus.DATAREQUEST), completed, submitted, failed, latency,
                dispatched, now.completed(), now.failed()));
        Instant oldest = census.at().minus(KEPT);
        while (points.size() > MAX_POINTS || (!points.isEmpty() && points.peekFirst().at().isBefore(oldest))) {
            points.removeFirst();
        }
    }

    /** The points of the last {@code window}, oldest first. */
    synchronized List<Point> since(Instant from) {
        List<Point> out = new ArrayList<>();
        for (Point p : points) {
            if (!p.at().isBefore(from)) {
                out.add(p);
            }
        }
        return out;
    }
}
