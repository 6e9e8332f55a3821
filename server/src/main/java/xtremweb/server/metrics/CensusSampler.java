package xtremweb.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import xtremweb.common.model.WorkStatus;
import xtremweb.server.db.Jdbc;

/**
 * Counts the grid every {@code status.sample} seconds (one connection, three aggregate queries) and
 * keeps the last count for the gauges, the status page and its history. A scrape or a page view
 * reads memory only, so neither can be used to load the database.
 */
public final class CensusSampler {
    static final String OTHERS = "(others)";
    private final Jdbc jdbc;
    private final Clock clock;
    private final Duration aliveWithin;
    private final CensusRepository repository = new CensusRepository();
    private final List<Consumer<Census>> listeners = new CopyOnWriteArrayList<>();
    private final MultiGauge queueByOwner;
    private volatile Census latest;

    /** {@code aliveWithin}: a host seen more recently than that is counted alive. */
    public CensusSampler(Jdbc jdbc, Clock clock, Duration aliveWithin, GridMetrics metrics) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.aliveWithin = aliveWithin;
        this.latest = Census.empty(clock.instant());
        var registry = metrics.registry();
        for (WorkStatus status : WorkStatus.values()) {
            Gauge.builder("xtremweb.works", () -> latest.works(status)).tag("status", status.name())
                    .description("works by status, deleted ones left out (whole grid, counted every status.sample s)")
                    .register(registry);
        }
        Gauge.builder("xtremweb.hosts.registered", () -> latest.hosts().registered()).description("hosts ever registered").register(registry);
        Gauge.builder("xtremweb.hosts.alive", () -> latest.hosts().alive())
                .description("hosts seen within three alive periods").register(registry);
        Gauge.builder("xtremweb.hosts.enabled", () -> latest.hosts().enabled())
                .description("hosts not switched off by an administrator").register(registry);
        Gauge.builder("xtremweb.hosts.benched", () -> latest.hosts().benched())
                .description("hosts kept from work because their jobs kept failing").register(registry);
        Gauge.builder("xtremweb.queue.owners", () -> latest.ownersWithPending())
                .description("owners with pending works").register(registry);
        queueByOwner = MultiGauge.builder("xtremweb.queue.depth")
                .description("pending works of the " + CensusRepository.TOP_OWNERS + " owners with the most, the rest as owner=\""
                        + OTHERS + "\"").register(registry);
    }

    /** Called with each new census, on the sampling thread. */
    public void onSample(Consumer<Census> listener) {
        listeners.add(listener);
    }

    public Census latest() {
        return latest;
    }

    /** Counts now; run periodically by the server (and by tests that need a fresh count). */
    public Census sample() {
        Census census = jdbc.tx("census", c -> repository.count(c, clock.instant(), aliveWithin));
        latest = census;
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (Census.OwnerQueue q : census.busiestOwners()) {
            long pending = q.pending();
            rows.add(MultiGauge.Row.of(Tags.of("owner", q.login()), pending));
        }
        if (census.ownersWithPending() > census.busiestOwners().size()) {
            rows.add(MultiGauge.Row.of(Tags.of("owner", OTHERS), census.otherOwnersPending()));
        }
        // Owners whose queue emptied drop out: the labels stay the current top ones.
        queueByOwner.register(rows, true);
        for (Consumer<Census> l : listeners) {
            l.accept(census);
        }
        return census;
    }
}
