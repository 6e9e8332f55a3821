package xtremweb.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.config.XwConfig;
import xtremweb.common.http.PinnedTrust;
import xtremweb.common.json.Json;
import xtremweb.server.ServerConfig;
import xtremweb.server.XtremWebServer;
import xtremweb.server.db.Database;
import xtremweb.server.db.SeveringProxy;
import xtremweb.server.db.TestDatabase;

/**
 * /health and /ready of a real server while its database goes away and comes back: the embedded
 * H2 database shut down with its files made unavailable, and MariaDB cut off behind a TCP relay.
 * Liveness stays 200 throughout (restarting the server would not help); readiness says 503 and
 * names the database, then recovers by itself; the API answers 503 with Retry-After meanwhile.
 */
class ReadinessWithTheDatabaseDownTest {
    @TempDir
    Path home;

    private XtremWebServer start(Map<String, String> extra) throws Exception {
        Map<String, String> config = new HashMap<>(Map.of("port.https", "0", "path.home", "var",
                "XWkeyStore", "var/keystore/xwserver.p12", "status.sample", "1"));
        config.putAll(extra);
        return XtremWebServer.start(ServerConfig.from(XwConfig.of(config, "test", home)));
    }

    /** Far below Hikari's default wait for a connection (30 s), above the server's (3 s) on a loaded machine. */
    private static final Duration FAST = Duration.ofSeconds(12);

    private static HttpClient http(XtremWebServer server) {
        return HttpClient.newBuilder().sslContext(PinnedTrust.sslContext(PinnedTrust.readPem(server.certificateFile())))
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static String adminToken(XtremWebServer server) throws Exception {
        java.util.Properties credentials = new java.util.Properties();
        try (java.io.InputStream in = Files.newInputStream(server.credentialsFile())) {
            credentials.load(in);
        }
        return new xtremweb.common.http.XwHttpClient(xtremweb.common.http.XwHttpClient.serverUri("127.0.0.1", server.port()),
                PinnedTrust.readPem(server.certificateFile())).post("/api/v1/login", new xtremweb.common.wire.LoginRequest(
                credentials.getProperty("admin.login"), credentials.getProperty("admin.password")),
                xtremweb.common.wire.TokenResponse.class).token();
    }

    private static HttpResponse<String> get(XtremWebServer server, String path) throws Exception {
        return http(server).send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitReady(XtremWebServer server, boolean ready) {
        Awaitility.await(ready ? "ready again" : "not ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> get(server, "/ready").statusCode() == (ready ? 200 : 503));
    }

    private static void assertDatabaseNamed(XtremWebServer server) throws Exception {
        HttpResponse<String> ready = get(server, "/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = Json.mapper().readTree(ready.body());
        assertThat(problem.get("code").asText()).isEqualTo("not-ready");
        assertThat(problem.get("detail").asText()).contains("database");
        assertThat(problem.get("checks").get("database").get("ok").asBoolean()).isFalse();
        assertThat(problem.get("checks").get("disk").get("ok").asBoolean()).isTrue();
        assertThat(get(server, "/health").statusCode()).as("alive though not ready").isEqualTo(200);
    }

    @Test
    void embeddedDatabaseShutDownWithItsFilesGoneMakesTheServerNotReadyUntilTheyAreBack() throws Exception {
        try (XtremWebServer server = start(Map.of())) {
            assertThat(get(server, "/ready").statusCode()).isEqualTo(200);
            Path db = home.resolve("var/db");
            Path aside = home.resolve("db-aside");
            // Take its files away first, then shut it through another connection of this JVM (H2 finds
            // the open database by its name, without its files). The other way round, a background
            // task of the server (the status sampler, the liveness writer) could open the database
            // again between the shutdown and the move, and keep using the moved files.
            Files.move(db, aside);
            Files.writeString(db, "not a directory: H2 cannot open its files here");
            try (Connection c = DriverManager.getConnection(Database.Target.h2(home.resolve("var")).url());
                 Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }

            awaitReady(server, false);
            assertDatabaseNamed(server);

            Files.delete(db);
            Files.move(aside, db);
            awaitReady(server, true);
        }
    }

    /**
     * MariaDB killed (its connections cut, new ones refused): besides readiness, the requests of the
     * outage's first seconds are answered 503 with Retry-After within seconds. Before, the first one
     * got a 500 with an error id (the connection lost mid-transaction, then its rollback failing hid
     * the outage) and the next waited the pool's 30 s default before its 503.
     */
    @Test
    void mariaDbCutOffMakesTheServerNotReadyAndItsRequestsFailFastUntilItIsReachableAgain() throws Exception {
        String url = TestDatabase.createMariaDb();
        try (SeveringProxy proxy = SeveringProxy.to(url);
             XtremWebServer server = start(Map.of("XWdbUrl", proxy.relayed(url)))) {
            HttpRequest works = HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/api/v1/works"))
                    .header("Authorization", "Bearer " + adminToken(server)).timeout(Duration.ofSeconds(60)).build();
            assertThat(http(server).send(works, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(get(server, "/ready").statusCode()).isEqualTo(200);

            proxy.sever();
            for (int i = 1; i <= 2; i++) {
                long start = System.nanoTime();
                HttpResponse<String> refused = http(server).send(works, HttpResponse.BodyHandlers.ofString());
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                assertThat(Json.mapper().readTree(refused.body()).get("code").asText()).isEqualTo("database-unavailable");
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
                assertThat(took).as("request %d of the outage answered after %s", i, took).isLessThan(FAST);
            }
            awaitReady(server, false);
            assertDatabaseNamed(server);

            proxy.restore();
            awaitReady(server, true);
            assertThat(http(server).send(works, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        } finally {
            TestDatabase.dropMariaDb(url);
        }
    }

    @Test
    void anEmptiedDatabaseIsReachableButNotReady() throws Exception {
        try (XtremWebServer server = start(Map.of())) {
            try (Connection c = DriverManager.getConnection(Database.Target.h2(home.resolve("var")).url());
                 Statement s = c.createStatement()) {
                s.execute("DROP TABLE flyway_schema_history");
            }
            HttpResponse<String> ready = get(server, "/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            JsonNode checks = Json.mapper().readTree(ready.body()).get("checks");
            assertThat(checks.get("database").get("ok").asBoolean()).isTrue();
            assertThat(checks.get("migrations").get("ok").asBoolean()).isFalse();
            assertThat(checks.get("migrations").get("detail").asText()).contains("restart the server");
        }
    }

    @Test
    void tooLittleFreeDiskMakesTheServerNotReady() throws Exception {
        try (XtremWebServer server = start(Map.of("ready.minFreeDisk", String.valueOf(Integer.MAX_VALUE)))) {
            HttpResponse<String> ready = get(server, "/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(Json.mapper().readTree(ready.body()).get("detail").asText()).contains("disk").contains("ready.minFreeDisk");
        }
    }
}
