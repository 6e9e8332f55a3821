package xtremweb.server.status;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import xtremweb.server.db.Jdbc;
import xtremweb.server.http.Exchange;
import xtremweb.server.http.Router;
import xtremweb.server.metrics.CensusSampler;
import xtremweb.server.metrics.GridMetrics;
import xtremweb.server.policy.Caller;
import xtremweb.server.refusal.InvalidInput;
import xtremweb.server.refusal.NotFound;
import xtremweb.server.refusal.Unauthenticated;

/**
 * {@code GET /status}: the page and its own script, stylesheet and icon, from the jar;
 * {@code GET /api/v1/status[?window=day]}: what the page shows, for the caller. The page is public
 * unless {@code status.public=false}; a token adds the caller's own view.
 */
public final class StatusEndpoints {
    // Only this server's files run on the page; it may not be framed, and sends no referrer.
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";
    private static final Map<String, String> ASSETS = Map.of(
            "status.js", "text/javascript; charset=utf-8",
            "status.css", "text/css; charset=utf-8",
            "favicon.svg", "image/svg+xml");
    private final StatusService service;
    private final boolean publicPage;
    private final Map<String, byte[]> files = new java.util.HashMap<>();

    public StatusEndpoints(Jdbc jdbc, CensusSampler census, GridMetrics metrics, Clock clock, String version, String database,
                           int samplePeriodSeconds, boolean publicPage) {
        this.service = new StatusService(jdbc, census, metrics, clock, version, database, samplePeriodSeconds);
        this.publicPage = publicPage;
        for (String name : new String[] {"status.html", "status.js", "status.css", "favicon.svg"}) {
            files.put(name, resource(name));
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = StatusEndpoints.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the status page's " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the status page's " + name, e);
        }
    }

    public void register(Router router) {
        // The server's address typed in a browser (what a volunteer or a new operator tries first) was a
        // problem+json 404 pointing at API.md; it is the grid's status page, which asks for a sign-in if need be.
        router.route("GET", "/", ex -> {
            ex.responseHeader("Location", "/status");
            ex.send(303, "text/plain; charset=utf-8", "See /status\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        });
        router.route("GET", "/status", ex -> page(ex, "status.html", "text/html; charset=utf-8"));
        router.route("GET", "/status/{asset}", ex -> {
            String asset = ex.param("asset");
            String type = ASSETS.get(asset);
            if (type == null) {
                throw new NotFound("no file " + asset + " on the status page");
            }
            page(ex, asset, type);
        });
        router.route("GET", "/api/v1/status", ex -> {
            Caller caller = ex.header("Authorization").isPresent() ? ex.caller() : null;
            if (caller == null && !publicPage) {
                throw new Unauthenticated("this grid shows its status to its users only; log in first (POST /api/v1/login)");
            }
            String window = ex.query("window").orElse("hour");
            if (!window.equals("hour") && !window.equals("day")) {
                throw new InvalidInput("bad-window", "window=" + window + " is not one the status knows; use window=hour or window=day");
            }
            boolean day = window.equals("day");
            ex.responseHeader("Cache-Control", "no-store");
            ex.json(200, service.view(caller, day));
        });
    }

    private void page(Exchange ex, String name, String type) throws IOException {
        ex.responseHeader("Content-Security-Policy", POLICY);
        ex.responseHeader("X-Content-Type-Options", "nosniff");
        ex.responseHeader("Referrer-Policy", "no-referrer");
        ex.responseHeader("Cache-Control", "no-cache");
        ex.send(200, type, files.get(name));
    }
}
