package xtremweb.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.config.XwConfig;
import xtremweb.common.http.PinnedTrust;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.wire.Heartbeat;
import xtremweb.common.wire.HeartbeatReply;
import xtremweb.common.wire.HostCredential;
import xtremweb.common.wire.HostRegistration;
import xtremweb.common.wire.HostView;
import xtremweb.common.wire.LoginRequest;
import xtremweb.common.wire.TokenResponse;

/**
 * A worker killed without a goodbye, against the real server over real HTTPS: shown silent once
 * three alive periods pass (it stayed "yes" for ever). Its own server, with alive.period=1: the
 * three periods are 3 s here instead of 15 s on {@link DepartingWorkersApiTest}'s server, whose
 * other tests need a lease well above their 5 s bound.
 */
class SilentWorkerApiTest {
    private static final int ALIVE_PERIOD = 1;

    @TempDir
    Path home;

    @Test
    void aWorkerKilledWithoutGoodbyeIsShownSilentOnceThreeAlivePeriodsPass() throws Exception {
        XwConfig config = XwConfig.of(Map.of("port.https", "0", "path.home", "var",
                "XWkeyStore", "var/keystore/xwserver.p12", "alive.period", String.valueOf(ALIVE_PERIOD)), "test", home);
        try (XtremWebServer server = XtremWebServer.start(ServerConfig.from(config))) {
            Properties credentials = new Properties();
            try (InputStream in = Files.newInputStream(server.credentialsFile())) {
                credentials.load(in);
            }
            List<java.security.cert.X509Certificate> pinned = PinnedTrust.readPem(Path.of(credentials.getProperty("server.certificate")));
            XwHttpClient admin = loggedIn(server, pinned, credentials, "admin");
            HostCredential killed = loggedIn(server, pinned, credentials, "worker").post("/api/v1/worker/register",
                    new HostRegistration(null, "killed", "linux", "amd64", 2, 1L << 30, "21"), HostCredential.class);
            XwHttpClient host = new XwHttpClient(XwHttpClient.serverUri("127.0.0.1", server.port()), pinned);
            host.token(killed.hostToken());
            host.post("/api/v1/worker/heartbeat", new Heartbeat(List.of()), HeartbeatReply.class);
            assertThat(hostRow(admin, killed).active()).as("just seen").isTrue();

            // No goodbye, no more calls: silent after three alive periods.
            Awaitility.await().atMost(Duration.ofSeconds(8 * ALIVE_PERIOD + 10)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(hostRow(admin, killed).active()).isFalse());
            assertThat(hostRow(admin, killed).lastAlive()).isBefore(Instant.now().minusSeconds(3L * ALIVE_PERIOD));
        }
    }

    private static XwHttpClient loggedIn(XtremWebServer server, List<java.security.cert.X509Certificate> pinned,
                                         Properties credentials, String who) {
        XwHttpClient client = new XwHttpClient(XwHttpClient.serverUri("127.0.0.1", server.port()), pinned);
        client.token(client.post("/api/v1/login", new LoginRequest(credentials.getProperty(who + ".login"),
                credentials.getProperty(who + ".password")), TokenResponse.class).token());
        return client;
    }

    private static HostView hostRow(XwHttpClient admin, HostCredential host) {
        return admin.get("/api/v1/hosts", new TypeReference<List<HostView>>() { }).stream()
                .filter(h -> h.uid().equals(host.hostUid())).findFirst().orElseThrow();
    }
}
