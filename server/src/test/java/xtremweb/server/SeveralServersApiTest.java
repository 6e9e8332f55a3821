package xtremweb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import xtremweb.common.config.XwConfig;
import xtremweb.common.http.PinnedTrust;
import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.wire.AppCreate;
import xtremweb.common.wire.AppView;
import xtremweb.common.wire.DataCreate;
import xtremweb.common.wire.DataView;
import xtremweb.common.wire.HostCredential;
import xtremweb.common.wire.HostRegistration;
import xtremweb.common.wire.LoginRequest;
import xtremweb.common.wire.TokenResponse;
import xtremweb.common.wire.WorkRequest;
import xtremweb.common.wire.WorkResponse;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.common.wire.WorkView;
import xtremweb.server.db.Database;
import xtremweb.server.db.TestDatabase;

/**
 * Issue 18 in one JVM: two servers, each with its own home (its own local data directory), on one
 * database and one shared keystore. Bytes one server holds are never a 500 on the other: it answers
 * 421 naming the holder, clients and workers follow it, listings advertise the holder, and bytes
 * lost from the holder are a 503 that says so. A server whose certificate is not the grid's says so
 * at start.
 */
class SeveralServersApiTest {
    @TempDir
    Path temp;
    private final List<XtremWebServer> servers = new ArrayList<>();
    private String mariaDb;

    static List<String> kinds() {
        return TestDatabase.kinds().toList();
    }

    @AfterEach
    void stop() throws Exception {
        for (XtremWebServer s : servers) {
            s.close();
        }
        if (mariaDb != null) {
            TestDatabase.dropMariaDb(mariaDb);
        }
    }

    private String databaseUrl(String kind) throws Exception {
        if (kind.equals("h2")) {
            // One H2 file opened by both servers of this JVM: one database, as MariaDB is for two machines.
            return "jdbc:h2:file:" + temp.resolve("shared-db/xtremweb").toAbsolutePath() + Database.H2_OPTIONS;
        }
        mariaDb = TestDatabase.createMariaDb();
        return mariaDb;
    }

    private XtremWebServer start(String name, String dbUrl) throws Exception {
        Path home = Files.createDirectories(temp.resolve(name));
        XtremWebServer server = XtremWebServer.start(ServerConfig.from(XwConfig.of(Map.of("port.https", "0", "path.home", "var",
                "XWkeyStore", "var/keystore/xwserver.p12", "alive.period", "5", "server.names", "127.0.0.1", "XWdbUrl", dbUrl),
                "test", home)));
        servers.add(server);
        return server;
    }

    /** Server B gets server A's keystore before its first start: one identity for the grid. */
    private static void shareKeystore(Path fromHome, Path toHome) throws Exception {
        Path to = Files.createDirectories(toHome.resolve("var/keystore"));
        for (String file : List.of("xwserver.p12", "xwserver.p12.pass")) {
            Files.copy(fromHome.resolve("var/keystore").resolve(file), to.resolve(file));
        }
    }

    private static XwHttpClient client(List<Integer> ports, Path pem) {
        List<URI> bases = ports.stream().map(p -> XwHttpClient.serverUri("127.0.0.1", p)).toList();
        return new XwHttpClient(bases, PinnedTrust.readPem(pem), null);
    }

    private static Properties credentials(XtremWebServer server) throws Exception {
        Properties credentials = new Properties();
        try (InputStream in = Files.newInputStream(server.credentialsFile())) {
            credentials.load(in);
        }
        return credentials;
    }

    private static XwHttpClient login(XwHttpClient client, Properties credentials, String who) {
        client.token(client.post("/api/v1/login", new LoginRequest(credentials.getProperty(who + ".login"),
                credentials.getProperty(who + ".password")), TokenResponse.class).token());
        return client;
    }

    private DataView upload(XwHttpClient to, String name, byte[] content) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        DataView data = to.post("/api/v1/datas", new DataCreate(name, null, null, null, (long) content.length, sha, null), DataView.class);
        return to.upload("/api/v1/datas/" + data.uid() + "/content", Files.write(temp.resolve(name), content), Map.of(), DataView.class);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void bytesHeldByOneServerAreNamedFollowedAndNeverA500OnTheOther(String kind) throws Exception {
        String db = databaseUrl(kind);
        XtremWebServer a = start("a", db);
        shareKeystore(temp.resolve("a"), temp.resolve("b"));
        XtremWebServer b = start("b", db);
        Properties credentials = credentials(a);
        Path pem = Path.of(credentials.getProperty("server.certificate"));
        XwHttpClient onA = login(client(List.of(a.port()), pem), credentials, "admin");
        XwHttpClient onB = login(client(List.of(b.port()), pem), credentials, "admin");

        DataView held = upload(onA, "stdin.txt", "held by A\n".getBytes(StandardCharsets.UTF_8));
        assertThat(held.uri()).isEqualTo("xw://127.0.0.1:" + a.port() + "/" + held.uid());
        List<DataView> listedByB = onB.get("/api/v1/datas", new TypeReference<List<DataView>>() { });
        assertThat(listedByB).filteredOn(d -> d.uid().equals(held.uid())).singleElement()
                .satisfies(d -> assertThat(d.uri()).as("B advertises the holder, not itself").isEqualTo(held.uri()));

        // Raw: B answers 421 with a problem naming A, before any byte of content.
        RawHttps rawB = new RawHttps(b.port(), PinnedTrust.sslContext(PinnedTrust.readPem(pem)));
        String token = onB.post("/api/v1/login", new LoginRequest(credentials.getProperty("admin.login"),
                credentials.getProperty("admin.password")), TokenResponse.class).token();
        RawHttps.Answer answer = rawB.send("GET", "/api/v1/datas/" + held.uid() + "/content",
                Map.of("Authorization", "Bearer " + token), null);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(421);
        assertThat(answer.header("content-type")).startsWith("application/problem+json");
        assertThat(answer.header("x-xw-holder")).isEqualTo("https://127.0.0.1:" + a.port());
        assertThat(answer.json().get("code").asText()).isEqualTo("data-elsewhere");
        assertThat(answer.json().get("holder").asText()).isEqualTo("https://127.0.0.1:" + a.port());
        assertThat(answer.json().get("detail").asText()).contains("https://127.0.0.1:" + a.port());

        // The client follows it.
        Path fetched = temp.resolve("fetched.txt");
        onB.download("/api/v1/datas/" + held.uid() + "/content", fetched);
        assertThat(Files.readString(fetched)).isEqualTo("held by A\n");

        // A worker registered with B downloads an input held by A through B's answer.
        DataView binary = upload(onA, "app.sh", "#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8));
        onA.post("/api/v1/apps", new AppCreate("app", "amd64", "linux", binary.uid()), AppView.class);
        WorkView work = onA.post("/api/v1/works", new WorkSubmit("app", List.of(), null, held.uid(), null, null, null, null, null,
                null, null), WorkView.class);
        XwHttpClient workerB = login(client(List.of(b.port()), pem), credentials, "worker");
        HostCredential host = workerB.post("/api/v1/worker/register",
                new HostRegistration(null, "host-on-b", "linux", "amd64", 2, 1L << 30, "21"), HostCredential.class);
        workerB.token(host.hostToken());
        WorkResponse given = workerB.postWaiting("/api/v1/worker/workrequest", new WorkRequest(1), WorkResponse.class,
                java.time.Duration.ofSeconds(5));
        assertThat(given.assignment().workUid()).isEqualTo(work.uid());
        Path input = temp.resolve("input");
        workerB.download("/api/v1/worker/tasks/" + given.assignment().taskUid() + "/inputs/" + held.uid(), input);
        assertThat(Files.readString(input)).isEqualTo("held by A\n");

        // Bytes lost from their holder: a 503 that says what happened, on both servers, never a 500.
        Files.delete(temp.resolve("a/var/data").resolve(held.uid().substring(0, 2)).resolve(held.uid()));
        for (XwHttpClient via : List.of(onA, onB)) {
            assertThatThrownBy(() -> via.download("/api/v1/datas/" + held.uid() + "/content", temp.resolve("lost")))
                    .isInstanceOfSatisfying(XwApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(503);
                        assertThat(e.code()).isEqualTo("data-missing");
                        assertThat(e.getMessage()).contains("https://127.0.0.1:" + a.port()).contains("data directory");
                    });
        }

        // The holder down: the worker is told which server it could not reach (and gives the task back).
        int portA = a.port();
        a.close();
        servers.remove(a);
        assertThatThrownBy(() -> workerB.download("/api/v1/worker/tasks/" + given.assignment().taskUid() + "/inputs/"
                + binary.uid(), temp.resolve("unreachable")))
                .isInstanceOf(xtremweb.common.http.XwConnectException.class)
                .hasMessageContaining("https://127.0.0.1:" + portA);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aClientMovesToTheNextServerOfItsListWhenOneIsDown(String kind) throws Exception {
        String db = databaseUrl(kind);
        XtremWebServer a = start("a", db);
        int down;
        try (ServerSocket socket = new ServerSocket(0)) {
            down = socket.getLocalPort();
        }
        Properties credentials = credentials(a);
        XwHttpClient client = client(List.of(down, a.port()), Path.of(credentials.getProperty("server.certificate")));
        login(client, credentials, "admin");
        assertThat(client.base().getPort()).as("moved on from the server that is down").isEqualTo(a.port());
        assertThat(client.get("/api/v1/datas", new TypeReference<List<DataView>>() { })).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aServerWhoseCertificateIsNotTheGridsSaysSoAtStart(String kind) throws Exception {
        String db = databaseUrl(kind);
        start("a", db);
        shareKeystore(temp.resolve("a"), temp.resolve("b"));
        try (LogCapture log = new LogCapture()) {
            start("b", db);
            assertThat(log.lines(Level.ERROR)).noneMatch(l -> l.contains("NOT THE GRID'S"));
            XtremWebServer c = start("c", db);
            assertThat(log.lines(Level.ERROR)).filteredOn(l -> l.contains("NOT THE GRID'S")).singleElement()
                    .satisfies(l -> assertThat(l).contains(temp.resolve("c").toString()).contains("path.certfile"));

            // Key rollover: a path.certfile holding both certificates reaches either key.
            Path pemA = temp.resolve("a/var/keystore/xwserver.pem");
            Path bundle = Files.writeString(temp.resolve("bundle.pem"),
                    Files.readString(pemA) + Files.readString(temp.resolve("c/var/keystore/xwserver.pem")));
            Properties credentials = credentials(servers.get(0));
            assertThat(PinnedTrust.readPem(bundle)).hasSize(2);
            for (int port : List.of(servers.get(0).port(), c.port())) {
                XwHttpClient client = login(client(List.of(port), bundle), credentials, "admin");
                assertThat(client.get("/api/v1/datas", new TypeReference<List<DataView>>() { })).isEmpty();
            }
            assertThatThrownBy(() -> login(client(List.of(c.port()), pemA), credentials, "admin"))
                    .as("pinned to the grid's certificate alone, the odd server is refused")
                    .isInstanceOf(xtremweb.common.http.XwConnectException.class);
        }
    }
}
