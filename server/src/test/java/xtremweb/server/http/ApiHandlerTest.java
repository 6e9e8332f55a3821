package xtremweb.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import xtremweb.common.json.Json;
import xtremweb.server.refusal.TooManyAttempts;
import xtremweb.server.refusal.Unavailable;

/** What the handler answers when an endpoint refuses, and when it fails: a bug is a 500 with an error id, never its text. */
class ApiHandlerTest {
    private static Server jetty;
    private static URI base;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Router router = new Router()
                .route("GET", "/deep", ex -> {
                    throw new IllegalArgumentException("Index 7 out of bounds in com.example.Internal");
                })
                .route("GET", "/npe", ex -> {
                    Object nothing = null;
                    nothing.hashCode();
                })
                .route("GET", "/throttled", ex -> {
                    throw new TooManyAttempts(Duration.ofMillis(2500), "too many tries; try again in 3 s");
                })
                .route("GET", "/busy", ex -> {
                    throw new Unavailable(Duration.ofSeconds(30), "busy; try again later");
                })
                // What Hikari throws when no connection could be made within its timeout (the database is down).
                .route("GET", "/pool-timed-out", ex -> {
                    throw new xtremweb.server.db.DbException("read a work", new java.sql.SQLTransientConnectionException(
                            "xw-db - Connection is not available, request timed out after 30000ms.", "08001"));
                })
                // What Connector/J throws when the database went away under an open connection.
                .route("GET", "/link-failure", ex -> {
                    throw new java.io.UncheckedIOException(new java.io.IOException("reading failed",
                            new xtremweb.server.db.DbException("heartbeat", new java.sql.SQLException("Communications link failure", "08S01"))));
                })
                // A SQL mistake is a bug, not an outage.
                .route("GET", "/bad-sql", ex -> {
                    throw new xtremweb.server.db.DbException("read a work", new java.sql.SQLSyntaxErrorException("Unknown column 'x'", "42S22"));
                })
                .route("GET", "/names/{name}", ex -> ex.json(200, java.util.Map.of("name", ex.param("name"))));
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        jetty.setErrorHandler(new ProblemErrorHandler());
        jetty.setHandler(new ApiHandler(router, token -> Optional.empty()));
        jetty.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.stop();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPathVariableIsDecodedSoANameWithAnAtASpaceOrAnAccentIsFound() throws Exception {
        // The client library percent-encodes every name it puts in a path (a login with '@', a host named "lab pc").
        for (String[] sentAndMeant : List.of(new String[] {"carol%40lab", "carol@lab"}, new String[] {"lab%20pc", "lab pc"},
                new String[] {"caf%C3%A9", "caf\u00e9"}, new String[] {"plain", "plain"})) {
            HttpResponse<String> answer = get("/names/" + sentAndMeant[0]);
            assertThat(answer.statusCode()).as(sentAndMeant[0]).isEqualTo(200);
            assertThat(Json.mapper().readTree(answer.body()).path("name").asText()).isEqualTo(sentAndMeant[1]);
        }
    }

    @Test
    void aBugIsA500WithAnErrorIdInTheAnswerAndInTheLogButNothingInternal() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(log);
        try {
            for (String path : List.of("/deep", "/npe")) {
                HttpResponse<String> answer = get(path);
                assertThat(answer.statusCode()).isEqualTo(500);
                assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                JsonNode problem = Json.mapper().readTree(answer.body());
                String errorId = problem.path("errorId").asText();
                assertThat(errorId).matches("[0-9a-f]{12}");
                assertThat(problem.path("code").asText()).isEqualTo("internal-error");
                assertThat(problem.path("detail").asText()).contains(errorId);
                assertThat(answer.body()).doesNotContain("Index 7", "com.example", "Exception", "null");
                assertThat(log.list).anySatisfy(e -> {
                    assertThat(e.getFormattedMessage()).contains("error " + errorId).contains("GET " + path);
                    assertThat(e.getThrowableProxy()).isNotNull();
                });
            }
        } finally {
            root.detachAppender(log);
        }
    }

    @Test
    void aRefusalThatSaysWhenToComeBackSetsRetryAfterInWholeSeconds() throws Exception {
        HttpResponse<String> throttled = get("/throttled");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("3");
        HttpResponse<String> busy = get("/busy");
        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(Json.mapper().readTree(busy.body()).path("code").asText()).isEqualTo("unavailable");
    }

    @Test
    void aDatabaseThatCannotBeReachedIsA503WithRetryAfterNotA500ToReport() throws Exception {
        for (String path : List.of("/pool-timed-out", "/link-failure")) {
            HttpResponse<String> answer = get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).as(path).hasValueSatisfying(
                    s -> assertThat(Integer.parseInt(s)).isBetween(2, 10));
            JsonNode problem = Json.mapper().readTree(answer.body());
            assertThat(problem.path("code").asText()).isEqualTo("database-unavailable");
            assertThat(problem.path("detail").asText()).contains("cannot reach its database").contains("Retry-After");
            assertThat(answer.body()).doesNotContain("errorId", "Communications", "Hikari", "xw-db");
        }
        HttpResponse<String> bug = get("/bad-sql");
        assertThat(bug.statusCode()).isEqualTo(500);
        assertThat(Json.mapper().readTree(bug.body()).path("code").asText()).isEqualTo("internal-error");
    }

    @Test
    void jettysOwnErrorsAreProblemsForEveryMethod() throws Exception {
        for (String method : List.of("GET", "PUT", "DELETE", "PATCH")) {
            HttpResponse<String> answer = CLIENT.send(HttpRequest.newBuilder(base.resolve("/a%2fb"))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(method).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).as(method).hasValue("application/problem+json");
            assertThat(Json.mapper().readTree(answer.body()).path("code").asText()).isEqualTo("bad-request");
        }
    }

    @Test
    void aSurgePastTheBoundIsShedWith503AndRetryAfterWhileLongPollsAreNotCounted() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
        Router router = new Router()
                .route("GET", "/slow", ex -> {
                    inside.countDown();
                    release.await();
                    ex.noContent();
                })
                .route("POST", "/api/v1/worker/workrequest", ex -> ex.noContent())
                .route("POST", "/api/v1/works/await", ex -> ex.noContent());
        Server bounded = new Server();
        ServerConnector connector = new ServerConnector(bounded);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        bounded.addConnector(connector);
        // Long polls are counted per caller (LongPolls): they need a token, as every real one does.
        bounded.setHandler(new ApiHandler(router, token -> Optional.of(new xtremweb.server.policy.Caller("u1", "alice",
                xtremweb.common.model.UserRights.STANDARD_USER, null, null)), new Admission(1)));
        bounded.start();
        try {
            URI at = URI.create("http://127.0.0.1:" + connector.getLocalPort());
            var first = CLIENT.sendAsync(HttpRequest.newBuilder(at.resolve("/slow")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(inside.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            // The one place is taken: the next request waits a second for it, then is shed.
            HttpResponse<String> shed = CLIENT.send(HttpRequest.newBuilder(at.resolve("/slow")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(shed.statusCode()).isEqualTo(503);
            assertThat(Integer.parseInt(shed.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 5);
            JsonNode problem = Json.mapper().readTree(shed.body());
            assertThat(problem.path("code").asText()).isEqualTo("overloaded");
            assertThat(problem.path("detail").asText()).contains("1 requests already");
            // A worker's long poll holds no place: it is answered meanwhile.
            HttpResponse<String> poll = CLIENT.send(HttpRequest.newBuilder(at.resolve("/api/v1/worker/workrequest"))
                    .header("Authorization", "Bearer t").POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(poll.statusCode()).isEqualTo(204);
            // Nor does a client's wait for many works.
            HttpResponse<String> awaiting = CLIENT.send(HttpRequest.newBuilder(at.resolve("/api/v1/works/await"))
                    .header("Authorization", "Bearer t").POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(awaiting.statusCode()).isEqualTo(204);
            release.countDown();
            assertThat(first.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(204);
            // The place is free again.
            assertThat(get(at, "/slow").statusCode()).isEqualTo(204);
        } finally {
            release.countDown();
            bounded.stop();
        }
    }

    @Test
    void aGetWhoseBodyTricklesInHoldsNoPlaceOfTheBound() throws Exception {
        Admission admission = new Admission(1);
        Router router = new Router().route("GET", "/quick", ex -> ex.noContent());
        Server bounded = new Server();
        ServerConnector connector = new ServerConnector(bounded);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        bounded.addConnector(connector);
        bounded.setHandler(new ApiHandler(router, token -> Optional.empty(), admission));
        bounded.start();
        try (java.net.Socket slow = new java.net.Socket("127.0.0.1", connector.getLocalPort())) {
            // No token needed: a GET announcing a body of 60 MiB, sent a few bytes at a time, is read
            // (to be dropped) for as long as it keeps the pace. That must not be with a place taken.
            slow.getOutputStream().write(("GET /quick HTTP/1.1\r\nHost: x\r\nContent-Length: 62914560\r\n\r\n0123456789")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            // Time for the server to reach the body (a place would be taken by then), at most 3 s.
            for (int i = 0; i < 60 && admission.busy() == 0; i++) {
                Thread.sleep(50);
            }
            assertThat(admission.busy()).as("places taken while a GET's body trickles in").isZero();
            URI at = URI.create("http://127.0.0.1:" + connector.getLocalPort());
            assertThat(get(at, "/quick").statusCode()).isEqualTo(204);
        } finally {
            bounded.stop();
        }
    }

    private static HttpResponse<String> get(URI at, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(at.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
