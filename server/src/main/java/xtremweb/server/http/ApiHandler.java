package xtremweb.server.http;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xtremweb.common.json.Json;
import xtremweb.common.wire.Problem;
import xtremweb.server.logging.Mdc;
import xtremweb.server.refusal.NotFound;
import xtremweb.server.refusal.Elsewhere;
import xtremweb.server.refusal.Refusal;
import xtremweb.server.refusal.Unavailable;

/**
 * The one Jetty handler: routes, runs the endpoint (blocking is fine, Jetty calls it on its pool),
 * and turns refusals into problem responses through {@link ProblemTable}. Anything else is a bug:
 * logged with its stack trace and an error id, answered 500 with that id and nothing internal.
 */
public final class ApiHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final Duration STOPPING_RETRY = Duration.ofSeconds(5);
    /** HTTPS only (a year, renewed by every answer), and a browser never reads data content as a page. */
    private static final String HSTS = "max-age=31536000";
    private final Router router;
    private final Authenticator authenticator;

    private final Admission admission;
    private final LongPolls longPolls;
    private final Uploads uploads;
    private final FailedTokens failedTokens;
    private final BodyPace pace;

    public ApiHandler(Router router, Authenticator authenticator) {
        this(router, authenticator, Admission.unbounded(), new LongPolls(LongPolls.DEFAULT_PER_CALLER));
    }

    public ApiHandler(Router router, Authenticator authenticator, Admission admission) {
        this(router, authenticator, admission, new LongPolls(LongPolls.DEFAULT_PER_CALLER), BodyPace.DEFAULT);
    }

    public ApiHandler(Router router, Authenticator authenticator, Admission admission, BodyPace pace) {
        this(router, authenticator, admission, new LongPolls(LongPolls.DEFAULT_PER_CALLER), pace);
    }

    public ApiHandler(Router router, Authenticator authenticator, Admission admission, LongPolls longPolls) {
        this(router, authenticator, admission, longPolls, BodyPace.DEFAULT);
    }

    public ApiHandler(Router router, Authenticator authenticator, Admission admission, LongPolls longPolls, BodyPace pace) {
        this(router, authenticator, admission, longPolls, new Uploads(Uploads.DEFAULT_PER_CALLER), pace);
    }

    public ApiHandler(Router router, Authenticator authenticator, Admission admission, LongPolls longPolls, Uploads uploads,
                      BodyPace pace) {
        this(router, authenticator, admission, longPolls, uploads, pace, new FailedTokens(java.time.Clock.systemUTC()));
    }

    public ApiHandler(Router router, Authenticator authenticator, Admission admission, LongPolls longPolls, Uploads uploads,
                      BodyPace pace, FailedTokens failedTokens) {
        this.failedTokens = failedTokens;
        this.uploads = uploads;
        this.router = router;
        this.authenticator = authenticator;
        this.admission = admission;
        this.longPolls = longPolls;
        this.pace = pace;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        Optional<Router.Match> match = router.match(method, path);
        securityHeaders(response);
        Exchange exchange = new Exchange(request, response, match.map(Router.Match::params).orElse(Map.of()), authenticator, pace,
                failedTokens);
        // Every line logged while answering says which task or work it was about (the caller is added once known).
        Mdc.put(Mdc.TASK, exchange.param("taskUid"));
        Mdc.put(Mdc.WORK, path.startsWith("/api/v1/works/") ? exchange.param("uid") : null);
        try {
            if (match.isEmpty()) {
                Set<String> allowed = router.allowedMethods(path);
                if (allowed.isEmpty()) {
                    throw new NotFound("no such API path " + path + "; see API.md");
                }
                response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", allowed));
                exchange.discardRestOfBody();
                exchange.send(405, Problems.CONTENT_TYPE, Json.mapper().writeValueAsBytes(Problem.of(405,
                        "method-not-allowed", path + " takes " + String.join(", ", allowed) + ", not " + method + "; see API.md")));
                exchange.endBody();
                callback.succeeded();
                return true;
            }
            exchange.queryFields();
            boolean longPoll = Admission.exempt(method, path, request.getHttpURI().getQuery());
            // An upload reads its body for as long as the client takes: it holds one of its caller's
            // upload places instead of an admission place (Uploads).
            boolean upload = match.get().streams();
            boolean counted = !longPoll && !upload;
            if (counted && (method.equals("POST") || method.equals("PUT"))) {
                exchange.readJsonAhead();
            }
            if (method.equals("GET") || method.equals("HEAD")) {
                // No GET reads a body; one sent anyway is read and dropped first. Left unread, the
                // connection would be closed on it after the answer, and a client that sends its
                // whole body before reading (most do) would lose that answer to the reset. Before
                // any place is taken: a body trickling in, which needs no token, must not hold one.
                exchange.discardRestOfBody();
            }
            if (counted) {
                admission.enter();
            } else {
                admission.refuseWhileStopping();
            }
            // A long poll or an upload takes one of its caller's places instead (all of them need a token).
            LongPolls.Held held = counted ? null : longPoll ? longPolls.hold(exchange.caller()) : uploads.hold(exchange.caller());
            boolean uploading = false;
            try {
                if (upload) {
                    // Not an admission place, but what a graceful stop waits for (GracefulStopApiTest).
                    admission.enterUpload();
                    uploading = true;
                }
                match.get().endpoint().handle(exchange);
            } finally {
                if (counted) {
                    admission.leave();
                } else {
                    held.close();
                }
                if (uploading) {
                    admission.leaveUpload();
                }
            }
            // The same for any call whose endpoint answered without reading all of its body.
            exchange.discardRestOfBody();
            // Before the callback: once it runs, the connection may carry the next request.
            exchange.endBody();
            callback.succeeded();
        } catch (Refusal refusal) {
            Problem answer = refusal instanceof Elsewhere elsewhere ? Problem.elsewhere(elsewhere.detail(), elsewhere.holder())
                    : Problem.of(ProblemTable.status(refusal), refusal.code(), refusal.detail());
            problem(exchange, response, callback, answer, ProblemTable.retryAfterSeconds(refusal), refusal);
        } catch (ClientGone gone) {
            // Nobody is left to read an answer: one line says so, for whoever wonders where an upload went.
            LOG.info("{} {}: the client went away after {} bytes of its body ({})", method, path, gone.bytesRead(), gone.getMessage());
            problem(exchange, response, callback, Problem.of(400, "bad-request", "the request body stopped arriving after "
                    + gone.bytesRead() + " bytes; send it again"), -1, gone);
        } catch (InterruptedException e) {
            // The server is stopping while this request waited (a long poll): the worker simply asks again.
            Thread.currentThread().interrupt();
            Unavailable stopping = new Unavailable(STOPPING_RETRY, "the server is stopping; try again shortly");
            problem(exchange, response, callback, Problem.of(503, stopping.code(), stopping.detail()),
                    ProblemTable.retryAfterSeconds(stopping), stopping);
        } catch (Exception e) {
            if (e instanceof HttpException http && http.getCode() < 500) {
                // Jetty's own refusal of something in the request (a body with broken chunks, say).
                problem(exchange, response, callback, Problem.of(http.getCode(), Problems.code(http.getCode()),
                        Problems.detail(http.getCode(), http.getReason())), -1, e);
                return true;
            }
            if (xtremweb.server.db.DatabaseOutage.is(e)) {
                // Not a bug and nothing the caller did: the database is down or restarting. A 500
                // asked callers to report an error id; a 503 with Retry-After has them come back.
                Unavailable outage = databaseOutage();
                LOG.warn("{} {}: the database cannot be reached ({}); answered 503 {}", method, path, e.getMessage(), outage.code());
                problem(exchange, response, callback, Problem.of(503, outage.code(), outage.detail()),
                        ProblemTable.retryAfterSeconds(outage), e);
                return true;
            }
            String errorId = Problems.newErrorId();
            LOG.error("error {}: {} {} failed", errorId, method, path, e);
            problem(exchange, response, callback, Problem.failure(Problems.failureDetail(errorId), errorId), -1, e);
        } finally {
            Mdc.clear();
        }
        return true;
    }

    private static void problem(Exchange exchange, Response response, Callback callback, Problem problem,
                                long retryAfterSeconds, Throwable cause) {
        if (exchange.committed()) {
            // Part of the answer is on its way already: only cutting the connection can say it failed.
            exchange.endBody();
            callback.failed(cause);
            return;
        }
        try {
            if (!(cause instanceof ClientGone)) {
                exchange.discardRestOfBody();
            }
            // Before the callback: once it runs, the connection may carry the next request.
            exchange.endBody();
            response.reset();
            securityHeaders(response);
            if (retryAfterSeconds >= 0) {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfterSeconds);
            }
            if (problem.holder() != null) {
                response.getHeaders().put(Problem.HOLDER_HEADER, problem.holder());
            }
            exchange.send(problem.status(), Problems.CONTENT_TYPE, Json.mapper().writeValueAsBytes(problem));
            callback.succeeded();
        } catch (Exception e) {
            exchange.endBody();
            callback.failed(e);
        }
    }

    /** A database outage, with a Retry-After of 2 to 10 random seconds so the callers come back spread out. */
    static Unavailable databaseOutage() {
        return new Unavailable("database-unavailable", Duration.ofSeconds(java.util.concurrent.ThreadLocalRandom.current().nextInt(2, 11)),
                "the server cannot reach its database just now (stopped or restarting):"
                        + " send it again after Retry-After. The server's operator sees why in its log");
    }

    static void securityHeaders(Response response) {
        response.getHeaders().put("Strict-Transport-Security", HSTS);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
    }
}
