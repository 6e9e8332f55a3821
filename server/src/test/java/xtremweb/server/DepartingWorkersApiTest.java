package xtremweb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.config.XwConfig;
import xtremweb.common.http.PinnedTrust;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.wire.AppCreate;
import xtremweb.common.wire.AppView;
import xtremweb.common.wire.DataCreate;
import xtremweb.common.wire.DataView;
import xtremweb.common.wire.Goodbye;
import xtremweb.common.wire.HostCredential;
import xtremweb.common.wire.HostRegistration;
import xtremweb.common.wire.HostView;
import xtremweb.common.wire.LoginRequest;
import xtremweb.common.wire.TaskView;
import xtremweb.common.wire.TokenResponse;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.common.wire.WorkView;

/**
 * Workers leaving while their work request waits, against the real server over real HTTPS: one
 * that hangs up (its connection closed, as when its process is killed) is given nothing, one that
 * says goodbye has its wait ended, and in both cases a live host gets the work at once. (A worker
 * killed without a goodbye going silent: {@link SilentWorkerApiTest}, on a server with a shorter
 * alive period.)
 */
class DepartingWorkersApiTest {
    @TempDir
    static Path home;
    static XtremWebServer server;
    static Properties credentials = new Properties();
    static XwHttpClient admin;

    @BeforeAll
    static void start() throws Exception {
        XwConfig config = XwConfig.of(Map.of("port.https", "0", "path.home", "var",
                "XWkeyStore", "var/keystore/xwserver.p12", "alive.period", "5"), "test", home);
        server = XtremWebServer.start(ServerConfig.from(config));
        try (InputStream in = Files.newInputStream(server.credentialsFile())) {
            credentials.load(in);
        }
        admin = loggedIn("admin");
        byte[] binary = "#!/bin/sh\ncat\n".getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(binary));
        DataView data = admin.post("/api/v1/datas", new DataCreate("cat.sh", null, null, null, (long) binary.length, sha, null),
                DataView.class);
        admin.upload("/api/v1/datas/" + data.uid() + "/content", Files.write(home.resolve("cat.sh"), binary), Map.of(), DataView.class);
        admin.post("/api/v1/apps", new AppCreate("cat", "x86_64", "Linux", data.uid()), AppView.class);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static XwHttpClient client() {
        return new XwHttpClient(XwHttpClient.serverUri("127.0.0.1", server.port()), pinned());
    }

    private static List<java.security.cert.X509Certificate> pinned() {
        return PinnedTrust.readPem(Path.of(credentials.getProperty("server.certificate")));
    }

    private static XwHttpClient loggedIn(String who) {
        XwHttpClient client = client();
        client.token(client.post("/api/v1/login", new LoginRequest(credentials.getProperty(who + ".login"),
                credentials.getProperty(who + ".password")), TokenResponse.class).token());
        return client;
    }

    /** A newly registered host, with its host token. */
    private static HostCredential register(String name) {
        return loggedIn("worker").post("/api/v1/worker/register",
                new HostRegistration(null, name, "linux", "amd64", 2, 1L << 30, "21"), HostCredential.class);
    }

    private static XwHttpClient as(HostCredential host) {
        XwHttpClient client = client();
        client.token(host.hostToken());
        return client;
    }

    /**
     * A work request sent as the worker sends it, on its own connection, returned once the server
     * holds it (it has not answered within half a second; with no work for it, it would hold it 20 s).
     */
    private static SSLSocket heldRequest(HostCredential host) throws Exception {
        byte[] body = "{\"waitSeconds\": 20}".getBytes(StandardCharsets.UTF_8);
        SSLSocket socket = (SSLSocket) PinnedTrust.sslContext(pinned()).getSocketFactory().createSocket("127.0.0.1", server.port());
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v1/worker/workrequest HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                + "\r\nAuthorization: Bearer " + host.hostToken() + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        socket.setSoTimeout(500);
        assertThatThrownBy(() -> socket.getInputStream().read()).as("the server holds the request")
                .isInstanceOf(SocketTimeoutException.class);
        return socket;
    }

    /** The answer to a held request: its status line and body. */
    private static String answer(SSLSocket socket, Duration within) throws Exception {
        socket.setSoTimeout((int) within.toMillis());
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("the connection closed before the answer's headers: " + head);
            }
            head.append((char) b);
        }
        int length = head.toString().lines().filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:"))
                .map(l -> Integer.parseInt(l.substring("content-length:".length()).trim())).findFirst().orElse(0);
        return head.toString().lines().findFirst().orElseThrow() + "\n" + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static List<TaskView> tasksOf(String workUid) {
        return admin.get("/api/v1/tasks", new TypeReference<List<TaskView>>() { }).stream()
                .filter(t -> t.workUid().equals(workUid)).toList();
    }

    @Test
    void aWorkerThatHangsUpWhileItsRequestWaitsIsGivenNothingAndALiveHostGetsTheWorkAtOnce() throws Exception {
        HostCredential live = register("live");
        try (SSLSocket waiting = heldRequest(live)) {
            for (int i = 0; i < 3; i++) {
                // Hangs up as a worker killed while it waits.
                heldRequest(register("killed-" + i)).close();
            }

            long submitted = System.nanoTime();
            WorkView work = admin.post("/api/v1/works", new WorkSubmit("cat", List.of(), null, null, null), WorkView.class);
            String got = answer(waiting, Duration.ofSeconds(20));
            long ms = (System.nanoTime() - submitted) / 1_000_000;

            assertThat(got).startsWith("HTTP/1.1 200").contains("\"workUid\":\"" + work.uid() + "\"");
            assertThat(tasksOf(work.uid())).as("the work's only task").singleElement()
                    .satisfies(t -> assertThat(t.hostUid()).isEqualTo(live.hostUid()));
            System.out.printf("work given to the live host's waiting request %d ms after its submission, 3 hung-up requests"
                    + " pending%n", ms);
            // Milliseconds when the machine is idle (the figure printed above); the bound only has to
            // stay far below the 15 s lease a work given to a dead host would wait out, on a busy machine.
            assertThat(ms).as("ms from submission to the live host holding it").isLessThan(5000);
        }
    }


    @Test
    void aWorkerThatSaysGoodbyeHasItsWaitEndedAndIsShownInactive() throws Exception {
        HostCredential leaving = register("leaving");
        try (SSLSocket waiting = heldRequest(leaving)) {
            long said = System.nanoTime();
            as(leaving).postNoContent("/api/v1/worker/goodbye", new Goodbye(List.of()));

            String answer = answer(waiting, Duration.ofSeconds(10));
            System.out.printf("waiting request ended %d ms after the goodbye%n", (System.nanoTime() - said) / 1_000_000);
            assertThat(answer).startsWith("HTTP/1.1 200").doesNotContain("taskUid");
        }
        assertThat(admin.get("/api/v1/hosts", new TypeReference<List<HostView>>() { }))
                .filteredOn(h -> h.uid().equals(leaving.hostUid())).singleElement()
                .satisfies(h -> assertThat(h.active()).isFalse());
    }
}
