package xtremweb.server.metrics;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jetty.JettyConnectionMetrics;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.DiskSpaceMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.thread.ThreadPool;

/**
 * The metrics of one server process: the grid's own ({@link GridMetrics}), the census gauges, and
 * Micrometer's binders for the JVM, Jetty, the HikariCP pool and the caches, all in one Prometheus
 * registry read by {@code GET /metrics} ({@link MetricsEndpoints}). With {@code metrics.enabled=false} there is no registry:
 * the grid's counters stay in memory for the status page and {@code /metrics} answers 404.
 */
public final class ServerMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry prometheus;
    private final MeterRegistry registry;
    private final GridMetrics grid;
    private JvmGcMetrics gc;

    private ServerMetrics(PrometheusMeterRegistry prometheus) {
        this.prometheus = prometheus;
        this.registry = prometheus != null ? prometheus : new SimpleMeterRegistry();
        this.grid = new GridMetrics(registry);
    }

    public static ServerMetrics create(boolean enabled, Path home) {
        ServerMetrics metrics = new ServerMetrics(enabled ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT) : null);
        if (enabled) {
            MeterRegistry r = metrics.registry;
            new ClassLoaderMetrics().bindTo(r);
            new JvmMemoryMetrics().bindTo(r);
            metrics.gc = new JvmGcMetrics();
            metrics.gc.bindTo(r);
            new JvmThreadMetrics().bindTo(r);
            new ProcessorMetrics().bindTo(r);
            new UptimeMetrics().bindTo(r);
            new FileDescriptorMetrics().bindTo(r);
            new DiskSpaceMetrics(home.toAbsolutePath().toFile()).bindTo(r);
        }
        return metrics;
    }

    public boolean enabled() {
        return prometheus != null;
    }

    public GridMetrics grid() {
        return grid;
    }

    /** Jetty's threads and connections, and a timer around every request; returns the handler to install. */
    public Handler instrument(Server jetty, ThreadPool threads, Handler handler) {
        if (!enabled()) {
            return handler;
        }
        new JettyServerThreadPoolMetrics(threads, Tags.empty()).bindTo(registry);
        JettyConnectionMetrics.addToAllConnectors(jetty, registry);
        return new RequestMetrics(handler, registry);
    }

    /** The connection pool's waits, usage and timeouts ({@code hikaricp_...}). */
    public void instrument(HikariDataSource pool) {
        if (enabled()) {
            pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
    }

    /** The named caches that exist now; call once the services are built. */
    public void instrumentCaches() {
        if (enabled()) {
            CacheMetrics.bind(registry);
        }
    }

    /** The registry {@code /metrics} reads; null when metrics are off. */
    PrometheusMeterRegistry prometheus() {
        return prometheus;
    }

    @Override
    public void close() {
        if (gc != null) {
            gc.close();
        }
        registry.close();
    }
}
