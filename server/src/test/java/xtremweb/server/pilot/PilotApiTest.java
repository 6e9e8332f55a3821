package xtremweb.server.pilot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.config.XwConfig;
import xtremweb.common.http.PinnedTrust;
import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.wire.HostCredential;
import xtremweb.common.wire.HostRegistration;
import xtremweb.common.wire.HostView;
import xtremweb.common.wire.LoginRequest;
import xtremweb.common.wire.PilotDemand;
import xtremweb.common.wire.PilotGrant;
import xtremweb.common.wire.PilotGrantRequest;
import xtremweb.common.wire.PilotRegistration;
import xtremweb.common.wire.TokenResponse;
import xtremweb.common.wire.WorkRequest;
import xtremweb.common.wire.WorkResponse;
import xtremweb.server.ServerConfig;
import xtremweb.server.XtremWebServer;

/** The pilot calls over real HTTPS: what a grant token opens (one registration) and what it does not (anything else). */
class PilotApiTest {
    private static final HostRegistration NODE = new HostRegistration(null, "node-7", "linux", "amd64", 4, 1L << 33, "21");
    @TempDir
    Path home;

    @Test
    void aGrantTokenRegistersPilotsOfTheBridgeIdentityAndOpensNoOtherCall() throws Exception {
        try (XtremWebServer server = XtremWebServer.start(ServerConfig.from(XwConfig.of(Map.of("port.https", "0", "path.home", "var",
                "XWkeyStore", "var/keystore/xwserver.p12"), "test", home)))) {
            Properties credentials = new Properties();
            try (InputStream in = Files.newInputStream(server.credentialsFile())) {
                credentials.load(in);
            }
            XwHttpClient bridge = client(server, credentials);
            bridge.token(bridge.post("/api/v1/login", new LoginRequest(credentials.getProperty("worker.login"),
                    credentials.getProperty("worker.password")), TokenResponse.class).token());
            PilotDemand demand = bridge.get("/api/v1/pilots/demand?os=linux&cpu=amd64", PilotDemand.class);
            assertThat(demand.scope()).isEqualTo("PUBLIC");
            assertThat(demand.pending()).isZero();
            PilotGrant grant = bridge.post("/api/v1/pilots", new PilotGrantRequest("hpc1", 1, 3600, 600), PilotGrant.class);

            XwHttpClient pilot = client(server, credentials);
            pilot.token(grant.token());
            assertThatThrownBy(() -> pilot.get("/api/v1/works", String.class)).isInstanceOf(XwApiException.class)
                    .extracting(e -> ((XwApiException) e).status()).isEqualTo(401);
            assertThatThrownBy(() -> pilot.post("/api/v1/worker/register", NODE, HostCredential.class))
                    .extracting(e -> ((XwApiException) e).status()).isEqualTo(401);
            assertThatThrownBy(() -> pilot.post("/api/v1/pilots", new PilotGrantRequest("hpc1", 1, 3600, 600), PilotGrant.class))
                    .extracting(e -> ((XwApiException) e).status()).isEqualTo(401);

            HostCredential host = pilot.post("/api/v1/pilots/register", new PilotRegistration(NODE, "12_1"), HostCredential.class);
            assertThatThrownBy(() -> pilot.post("/api/v1/pilots/register", new PilotRegistration(NODE, "12_2"), HostCredential.class))
                    .extracting(e -> ((XwApiException) e).status()).isEqualTo(401);

            XwHttpClient worker = client(server, credentials);
            worker.token(host.hostToken());
            assertThat(worker.post("/api/v1/worker/workrequest", new WorkRequest(0), WorkResponse.class).assignment()).isNull();
            // A host token asks for no grant: a pilot cannot multiply itself.
            assertThatThrownBy(() -> worker.post("/api/v1/pilots", new PilotGrantRequest("hpc1", 1, 3600, 600), PilotGrant.class))
                    .extracting(e -> ((XwApiException) e).status()).isEqualTo(403);

            XwHttpClient admin = client(server, credentials);
            admin.token(admin.post("/api/v1/login", new LoginRequest(credentials.getProperty("admin.login"),
                    credentials.getProperty("admin.password")), TokenResponse.class).token());
            HostView listed = admin.get("/api/v1/hosts", new TypeReference<List<HostView>>() { }).stream()
                    .filter(h -> h.uid().equals(host.hostUid())).findFirst().orElseThrow();
            assertThat(listed.pilotCluster()).isEqualTo("hpc1");
            assertThat(listed.pilotJobId()).isEqualTo("12_1");
            assertThat(listed.ownerLogin()).isEqualTo(credentials.getProperty("worker.login"));
            assertThat(listed.pilotUntil()).isNotNull();

            XwHttpClient nobody = client(server, credentials);
            assertThatThrownBy(() -> nobody.post("/api/v1/pilots/register", new PilotRegistration(NODE, "12_3"), HostCredential.class))
                    .extracting(e -> ((XwApiException) e).status()).isEqualTo(401);
        }
    }

    private static XwHttpClient client(XtremWebServer server, Properties credentials) {
        return new XwHttpClient(XwHttpClient.serverUri("127.0.0.1", server.port()),
                PinnedTrust.readPem(Path.of(credentials.getProperty("server.certificate"))));
    }
}
