package xtremweb.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Times every HTTP request as {@code http_server_requests_seconds}, labelled by method, area
 * (api, worker, status, metrics, probe, other) and outcome (2xx...): a few dozen series whatever
 * the paths asked, so a scanner cannot blow up the metrics with made-up URLs. A histogram with a
 * dozen fixed buckets, not a bare count and sum: the dashboard's "HTTP p95 by area" is a
 * {@code histogram_quantile} over {@code _bucket}, which a summary does not have.
 */
final class RequestMetrics extends Handler.Wrapper {
    // From a status read (milliseconds) to a long poll that waited its 60 s out.
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};
    private final MeterRegistry registry;
    // The few dozen timers, by "method area outcome", each built at the first request of its kind: building
    // and registering through Timer.builder on every request (tags sorted, registry looked up) was
    // most of what the metrics cost per request (JFR, issue 15).
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    RequestMetrics(Handler handler, MeterRegistry registry) {
        super(handler);
        this.registry = registry;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long start = System.nanoTime();
        String method = method(request.getMethod());
        String area = area(request.getHttpURI().getPath());
        Callback timed = new Callback() {
            @Override
            public void succeeded() {
                record(start, method, area, response.getStatus());
                callback.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                record(start, method, area, 500);
                callback.failed(x);
            }

            @Override
            public InvocationType getInvocationType() {
                return callback.getInvocationType();
            }
        };
        return super.handle(request, response, timed);
    }

    private void record(long start, String method, String area, int status) {
        String outcome = (status / 100) + "xx";
        timers.computeIfAbsent(method + ' ' + area + ' ' + outcome, key -> Timer.builder("http.server.requests")
                        .description("HTTP requests answered").tag("method", method).tag("area", area).tag("outcome", outcome)
                        .serviceLevelObjectives(BUCKETS).register(registry))
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    private static String method(String m) {
        return switch (m) {
            case "GET", "POST", "PUT", "DELETE", "HEAD" -> m;
            default -> "OTHER";
        };
    }

    static String area(String path) {
        if (path == null) {
            return "other";
        }
        if (path.startsWith("/api/v1/worker/")) {
            return "worker";
        }
        if (path.startsWith("/api/v1/status")) {
            return "status";
        }
        if (path.startsWith("/api/")) {
            return "api";
        }
        if (path.equals("/status") || path.startsWith("/status/")) {
            return "status";
        }
        if (path.equals("/metrics")) {
            return "metrics";
        }
        if (path.equals("/health") || path.equals("/ready")) {
            return "probe";
        }
        return "other";
    }
}
