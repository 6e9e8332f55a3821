package xtremweb.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.config.XwConfig;
import xtremweb.common.http.PinnedTrust;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.wire.LoginRequest;
import xtremweb.common.wire.TokenResponse;
import xtremweb.server.db.SeveringProxy;
import xtremweb.server.db.TestDatabase;

/**
 * The first seconds of a database outage as the grid's callers see them: MariaDB killed (its open
 * connections cut, new ones refused). Each request is answered 503 with Retry-After within seconds:
 * not a 500 for the connection lost mid-transaction, not after the pool's 30 s default wait, and the
 * server serves again by itself once the database is back.
 */
class DatabaseOutageApiTest {
    /** Far below Hikari's default wait (30 s), above the server's (3 s) and a loaded CI machine's delays. */
    private static final Duration FAST = Duration.ofSeconds(12);

    @TempDir
    Path home;

    @Test
    void requestsDuringTheFirstSecondsOfAKilledDatabaseAreAnswered503Fast() throws Exception {
        String url = TestDatabase.createMariaDb();
        try (SeveringProxy proxy = SeveringProxy.to(url);
             XtremWebServer server = XtremWebServer.start(ServerConfig.from(XwConfig.of(Map.of("port.https", "0",
                     "path.home", "var", "XWkeyStore", "var/keystore/xwserver.p12", "XWdbUrl", proxy.relayed(url)),
                     "test", home)))) {
            Properties credentials = new Properties();
            try (InputStream in = Files.newInputStream(server.credentialsFile())) {
                credentials.load(in);
            }
            String token = new XwHttpClient(XwHttpClient.serverUri("127.0.0.1", server.port()),
                    PinnedTrust.readPem(server.certificateFile())).post("/api/v1/login",
                    new LoginRequest(credentials.getProperty("admin.login"), credentials.getProperty("admin.password")),
                    TokenResponse.class).token();
            HttpClient http = HttpClient.newBuilder()
                    .sslContext(PinnedTrust.sslContext(PinnedTrust.readPem(server.certificateFile()))).build();
            HttpRequest works = HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/api/v1/works"))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).build();
            assertThat(http.send(works, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

            proxy.sever();
            for (int i = 0; i < 2; i++) {
                long start = System.nanoTime();
                HttpResponse<String> refused = http.send(works, HttpResponse.BodyHandlers.ofString());
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                assertThat(refused.body()).contains("database-unavailable");
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
                assertThat(took).as("request %d of the outage answered after %s", i + 1, took).isLessThan(FAST);
            }

            proxy.restore();
            Awaitility.await("served again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> http.send(works, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        } finally {
            TestDatabase.dropMariaDb(url);
        }
    }
}
