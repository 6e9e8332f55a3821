package xtremweb.server.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import xtremweb.common.model.WorkStatus;
import xtremweb.server.metrics.Census;

/**
 * The answer of {@code GET /api/v1/status}. {@code you}, {@code queue} and {@code admin} are null
 * for an anonymous visitor; {@code admin}'s fields are null below SUPER_USER.
 */
record StatusView(Public grid, You you, List<QueueRow> queue, Admin admin) {
    /** What everybody sees: aggregates and charts. */
    record Public(Grid server, Census.Hosts hosts, Map<WorkStatus, Long> works, long pending, int ownersWithPending,
                  Recent recent, Charts charts) {
    }

    /** {@code fullWindow}: false while the server is younger than the window, whose charts then start at its first count. */
    record Grid(String version, long uptimeSeconds, Instant sampledAt, int samplePeriodSeconds, int refreshSeconds, String window,
                boolean fullWindow) {
    }

    /** Over the last hour: works completed, and the mean wait of works before their first host (null: none). */
    record Recent(long completedLastHour, Double waitSeconds) {
    }

    record Charts(String hosts, String throughput, String latency, String works) {
    }

    record You(String login, String rights, Map<WorkStatus, Long> works, List<SessionRow> sessions) {
    }

    record SessionRow(String uid, String name, Map<WorkStatus, Long> works) {
    }

    record QueueRow(String owner, long pending, boolean you) {
    }

    record Admin(String database, List<ErrorRow> errors) {
    }

    record ErrorRow(Instant at, String workUid, String label, String app, String owner, String message) {
    }
}
