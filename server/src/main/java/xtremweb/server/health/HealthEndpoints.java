package xtremweb.server.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import xtremweb.common.json.Json;
import xtremweb.server.http.Exchange;
import xtremweb.server.http.Router;

/**
 * {@code GET /health}: 200 while the process serves requests (liveness: restart it otherwise).
 * {@code GET /ready}: 200 when {@link Readiness} passes, else 503 as a problem naming what failed
 * (send it no traffic for now). Both anonymous, as load balancers and systemd call them, and
 * neither says more than which check failed.
 */
public final class HealthEndpoints {
    private final Readiness readiness;
    private final Clock clock;
    private final Instant started;

    public HealthEndpoints(Readiness readiness, Clock clock) {
        this.readiness = readiness;
        this.clock = clock;
        this.started = clock.instant();
    }

    public void register(Router router) {
        router.route("GET", "/health", ex -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "UP");
            body.put("uptimeSeconds", Duration.between(started, clock.instant()).toSeconds());
            answer(ex, 200, "application/json", body);
        });
        router.route("GET", "/ready", ex -> {
            Readiness.Report report = readiness.check();
            Map<String, Object> checks = new LinkedHashMap<>();
            report.checks().forEach((name, c) -> checks.put(name, Map.of("ok", c.ok(), "detail", c.detail())));
            Map<String, Object> body = new LinkedHashMap<>();
            if (report.ready()) {
                body.put("status", "READY");
                body.put("checks", checks);
                answer(ex, 200, "application/json", body);
                return;
            }
            StringBuilder detail = new StringBuilder();
            report.checks().values().stream().filter(c -> !c.ok()).forEach(c ->
                    detail.append(detail.isEmpty() ? "" : "; ").append(c.name()).append(": ").append(c.detail()));
            body.put("type", "about:blank");
            body.put("title", "not-ready");
            body.put("status", 503);
            body.put("code", "not-ready");
            body.put("detail", detail.toString());
            body.put("checks", checks);
            answer(ex, 503, "application/problem+json", body);
        });
    }

    private static void answer(Exchange ex, int status, String type, Map<String, Object> body) throws Exception {
        ex.responseHeader("Cache-Control", "no-store");
        ex.send(status, type, Json.mapper().writeValueAsBytes(body));
    }
}
