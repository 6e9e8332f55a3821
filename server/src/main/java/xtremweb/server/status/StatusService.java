package xtremweb.server.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import xtremweb.common.model.UserRights;
import xtremweb.common.model.WorkStatus;
import xtremweb.server.db.Jdbc;
import xtremweb.server.metrics.Census;
import xtremweb.server.metrics.CensusSampler;
import xtremweb.server.metrics.GridMetrics;
import xtremweb.server.policy.Caller;

/**
 * Builds what the status page shows to whoever asks: aggregates and charts for everybody (drawn
 * once per census and shared), plus one's own works for a signed-in user, the queue by login for
 * ADVANCED_USER and above, and the latest errors and database version for a SUPER_USER.
 */
final class StatusService {
    private static final List<WorkStatus> SHOWN = List.of(WorkStatus.PENDING, WorkStatus.RUNNING, WorkStatus.DATAREQUEST,
            WorkStatus.COMPLETED, WorkStatus.ERROR);
    private final Jdbc jdbc;
    private final CensusSampler census;
    private final History history;
    private final Clock clock;
    private final Instant started;
    private final String version;
    private final String database;
    private final int refreshSeconds;
    private final int samplePeriodSeconds;
    private final StatusRepository repository = new StatusRepository();
    private volatile Shared hourCache;
    private volatile Shared dayCache;
    private volatile ErrorsCache errorsCache;

    private record Shared(Instant censusAt, StatusView.Public view) {
    }

    private record ErrorsCache(Instant censusAt, List<StatusRepository.Failure> errors) {
    }

    StatusService(Jdbc jdbc, CensusSampler census, GridMetrics metrics, Clock clock, String version, String database,
                  int samplePeriodSeconds) {
        this.jdbc = jdbc;
        this.census = census;
        this.history = new History(metrics);
        this.clock = clock;
        this.started = clock.instant();
        this.version = version;
        this.database = database;
        this.samplePeriodSeconds = samplePeriodSeconds;
        this.refreshSeconds = Math.max(2, Math.min(10, samplePeriodSeconds));
        census.onSample(history::add);
    }

    /** The status for {@code caller} (null: an anonymous visitor) over the last hour or day. */
    StatusView view(Caller caller, boolean day) {
        Census now = census.latest();
        StatusView.Public shared = shared(now, day);
        if (caller == null || caller.host().isPresent()) {
            return new StatusView(shared, null, null, null);
        }
        StatusView.You you = jdbc.tx("status of own works", c -> new StatusView.You(caller.login(), caller.rights().name(),
                repository.worksOf(c, caller.userUid()), repository.sessionsOf(c, caller.userUid()).stream()
                        .map(s -> new StatusView.SessionRow(s.uid(), s.name(), s.works())).toList()));
        List<StatusView.QueueRow> queue = new ArrayList<>();
        boolean wide = caller.rights().atLeast(UserRights.ADVANCED_USER);
        long others = now.works(WorkStatus.PENDING);
        for (Census.OwnerQueue q : now.busiestOwners()) {
            boolean mine = q.ownerUid().equals(caller.userUid());
            if (wide || mine) {
                queue.add(new StatusView.QueueRow(q.login(), q.pending(), mine));
                others -= q.pending();
            }
        }
        if (!wide && queue.isEmpty() && you.works().getOrDefault(WorkStatus.PENDING, 0L) > 0) {
            long mine = you.works().get(WorkStatus.PENDING);
            queue.add(new StatusView.QueueRow(caller.login(), mine, true));
            others -= mine;
        }
        if (others > 0) {
            queue.add(new StatusView.QueueRow(wide ? "(other owners)" : "(other users)", others, false));
        }
        List<StatusView.ErrorRow> errors = null;
        String db = null;
        if (caller.isSuperUser()) {
            db = database;
            errors = latestErrors(now).stream().map(f -> new StatusView.ErrorRow(f.at(), f.workUid(), f.label(), f.app(),
                    f.owner(), f.message())).toList();
        }
        return new StatusView(shared, you, queue, caller.isSuperUser() ? new StatusView.Admin(db, errors) : null);
    }

    private List<StatusRepository.Failure> latestErrors(Census now) {
        ErrorsCache cached = errorsCache;
        if (cached == null || !cached.censusAt().equals(now.at())) {
            cached = new ErrorsCache(now.at(), jdbc.tx("latest errors", repository::latestErrors));
            errorsCache = cached;
        }
        return cached.errors();
    }

    private StatusView.Public shared(Census now, boolean day) {
        Shared cached = day ? dayCache : hourCache;
        if (cached != null && cached.censusAt().equals(now.at())) {
            return cached.view();
        }
        StatusView.Public view = build(now, day);
        if (day) {
            dayCache = new Shared(now.at(), view);
        } else {
            hourCache = new Shared(now.at(), view);
        }
        return view;
    }

    private StatusView.Public build(Census now, boolean day) {
        Instant to = now.at();
        Instant windowStart = to.minus(day ? Duration.ofHours(24) : Duration.ofHours(1));
        List<History.Point> points = history.since(windowStart);
        // A server younger than the window draws since its first count (at least a minute wide).
        Instant from = points.isEmpty() ? windowStart : later(windowStart, earlier(points.get(0).at(), to.minus(Duration.ofMinutes(1))));
        boolean whole = from.equals(windowStart);
        List<Instant> times = points.stream().map(History.Point::at).toList();
        double[] alive = points.stream().mapToDouble(History.Point::hostsAlive).toArray();
        double[] completed = points.stream().mapToDouble(History.Point::completedPerMinute).toArray();
        double[] failed = points.stream().mapToDouble(History.Point::failedPerMinute).toArray();
        double[] submitted = points.stream().mapToDouble(History.Point::submittedPerMinute).toArray();
        double[] latency = points.stream().mapToDouble(History.Point::latencySeconds).toArray();
        String window = whole ? (day ? "the last 24 hours" : "the last hour") : "the time since this server started";
        String hostsChart = SvgChart.timeSeries("chart-hosts", "Hosts alive over " + window, times,
                List.of(new SvgChart.Series("s-hosts", "alive", alive)), from, to, SvgChart::num, true);
        String throughputChart = SvgChart.timeSeries("chart-throughput", "Works completed, failed and submitted per minute over "
                + window, times, List.of(new SvgChart.Series("s-completed", "completed", completed),
                new SvgChart.Series("s-failed", "failed", failed), new SvgChart.Series("s-submitted", "submitted", submitted)),
                from, to, SvgChart::num, false);
        String latencyChart = SvgChart.timeSeries("chart-latency", "Average wait from submission to a host over " + window, times,
                List.of(new SvgChart.Series("s-latency", "wait", latency)), from, to, StatusService::seconds, false);
        List<Long> counts = SHOWN.stream().map(now::works).toList();
        String worksBar = SvgChart.stackedBar("chart-works", "Works by status", SHOWN.stream()
                .map(s -> "w-" + s.name().toLowerCase(java.util.Locale.ROOT)).toList(), SHOWN.stream().map(Enum::name).toList(), counts);

        List<History.Point> lastHour = history.since(to.minus(Duration.ofHours(1)));
        long completedLastHour = lastHour.size() < 2 ? 0 : lastHour.get(lastHour.size() - 1).completed() - lastHour.get(0).completed();
        long dispatches = 0;
        double waited = 0;
        for (History.Point p : lastHour) {
            if (p.firstDispatches() > 0 && !Double.isNaN(p.latencySeconds())) {
                dispatches += p.firstDispatches();
                waited += p.latencySeconds() * p.firstDispatches();
            }
        }
        StatusView.Recent recent = new StatusView.Recent(completedLastHour, dispatches == 0 ? null : waited / dispatches);
        StatusView.Grid grid = new StatusView.Grid(version, Duration.between(started, clock.instant()).toSeconds(), now.at(),
                samplePeriodSeconds, refreshSeconds, day ? "day" : "hour", whole);
        return new StatusView.Public(grid, now.hosts(), Map.copyOf(now.works()), now.works(WorkStatus.PENDING), now.ownersWithPending(),
                recent, new StatusView.Charts(hostsChart, throughputChart, latencyChart, worksBar));
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static String seconds(double s) {
        if (s == 0) {
            return "0";
        }
        if (s < 1) {
            return Math.round(s * 1000) + " ms";
        }
        if (s < 120) {
            return SvgChart.num(Math.round(s * 10) / 10.0) + " s";
        }
        return SvgChart.num(Math.round(s / 6) / 10.0) + " min";
    }
}
