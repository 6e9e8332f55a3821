package xtremweb.server.http;

import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xtremweb.common.json.Json;
import xtremweb.common.wire.Problem;
import xtremweb.server.logging.Mdc;

/**
 * The one Jetty handler: routes, runs the endpoint (blocking is fine, Jetty calls it on its pool),
 * and turns refusals into problem responses. Only bugs are logged with a stack trace.
 */
public final class ApiHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private final Router router;
    private final Authenticator authenticator;

    public ApiHandler(Router router, Authenticator authenticator) {
        this.router = router;
        this.authenticator = authenticator;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        Optional<Router.Match> match = router.match(method, path);
        Exchange exchange = new Exchange(request, response, match.map(Router.Match::params).orElse(java.util.Map.of()), authenticator);
        // Every line logged while answering says which task or work it was about (the caller is added once known).
        Mdc.put(Mdc.TASK, exchange.param("taskUid"));
        Mdc.put(Mdc.WORK, path.startsWith("/api/v1/works/") ? exchange.param("uid") : null);
        try {
            if (match.isEmpty()) {
                throw router.knowsPath(path)
                        ? new ApiException(405, "not-found", "no " + method + " on " + path + "; see API.md")
                        : ApiException.notFound("not-found", "no such API path " + path + "; see API.md");
            }
            match.get().endpoint().handle(exchange);
            callback.succeeded();
        } catch (ApiException e) {
            problem(exchange, response, callback, e.status(), e.code(), e.getMessage(), null);
        } catch (IllegalArgumentException e) {
            problem(exchange, response, callback, 400, "bad-request", e.getMessage(), null);
        } catch (InterruptedException e) {
            // The server is stopping while this request waited (a long poll): the worker simply asks again.
            Thread.currentThread().interrupt();
            problem(exchange, response, callback, 503, "unavailable", "the server is stopping; try again shortly", null);
        } catch (Exception e) {
            LOG.error("{} {} failed", method, path, e);
            problem(exchange, response, callback, 500, "internal-error",
                    "the server failed on this request; its log has the details", e);
        } finally {
            Mdc.clear();
        }
        return true;
    }

    private static void problem(Exchange exchange, Response response, Callback callback, int status, String code,
                                String detail, Exception bug) {
        if (exchange.committed()) {
            callback.failed(bug != null ? bug : new IllegalStateException(detail));
            return;
        }
        try {
            response.reset();
            byte[] body = Json.mapper().writeValueAsBytes(Problem.of(status, code, detail));
            exchange.send(status, "application/problem+json", body);
            callback.succeeded();
        } catch (Exception e) {
            callback.failed(e);
        }
    }
}
