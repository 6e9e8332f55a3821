package xtremweb.server.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import xtremweb.common.model.UserRights;
import xtremweb.server.http.Exchange;
import xtremweb.server.http.Router;
import xtremweb.server.policy.Caller;
import xtremweb.server.refusal.Forbidden;
import xtremweb.server.refusal.NotFound;
import xtremweb.server.refusal.Unauthenticated;

/**
 * {@code GET /metrics}: the Prometheus text format. Not anonymous: a user token of an
 * ADVANCED_USER or above, or a request from an address of {@code metrics.allow} (a Prometheus
 * server). The metrics show logins of busy users and the grid's load, which is not for everybody.
 */
public final class MetricsEndpoints {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private final PrometheusMeterRegistry registry;
    private final AllowedAddresses allowed;

    /** {@code metrics}' registry is read at each scrape; without one (metrics.enabled=false) /metrics is 404. */
    public MetricsEndpoints(ServerMetrics metrics, AllowedAddresses allowed) {
        this.registry = metrics.prometheus();
        this.allowed = allowed;
    }

    public void register(Router router) {
        if (registry == null) {
            router.route("GET", "/metrics", ex -> {
                throw new NotFound("metrics are off on this server; set metrics.enabled=true in its configuration");
            });
        } else {
            router.route("GET", "/metrics", this::scrape);
        }
    }

    private void scrape(Exchange ex) throws Exception {
        if (!allowed.allows(ex.remoteAddress())) {
            Caller caller;
            try {
                caller = ex.caller();
            } catch (Unauthenticated e) {
                // Said for who reads it: a Prometheus server cannot "log in first", its operator lists its address.
                boolean tokenGiven = ex.header("Authorization").isPresent();
                throw new Unauthenticated("/metrics wants a token of an ADVANCED_USER or above (Authorization: Bearer"
                        + " TOKEN), or a request from an address listed in metrics.allow of the server's configuration;"
                        + " this request came from " + ex.remoteAddress()
                        + (tokenGiven ? " with a token that is unknown, expired or revoked" : " without a token"));
            }
            if (caller.host().isPresent() || !caller.rights().atLeast(UserRights.ADVANCED_USER)) {
                throw new Forbidden("the metrics are for ADVANCED_USER accounts and above, or for the addresses listed in"
                        + " metrics.allow of the server's configuration (a Prometheus server, say)");
            }
        }
        ex.responseHeader("Cache-Control", "no-store");
        ex.send(200, CONTENT_TYPE, registry.scrape(CONTENT_TYPE).getBytes(StandardCharsets.UTF_8));
    }
}
