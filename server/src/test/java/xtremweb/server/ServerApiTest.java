package xtremweb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.config.XwConfig;
import xtremweb.common.http.PinnedTrust;
import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.model.DataStatus;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.AppCreate;
import xtremweb.common.wire.AppDeletion;
import xtremweb.common.wire.AppView;
import xtremweb.common.wire.Assignment;
import xtremweb.common.wire.DataCreate;
import xtremweb.common.wire.DataView;
import xtremweb.common.wire.HostCredential;
import xtremweb.common.wire.HostRegistration;
import xtremweb.common.wire.LoginRequest;
import xtremweb.common.wire.TaskReport;
import xtremweb.common.wire.TokenResponse;
import xtremweb.common.wire.UserView;
import xtremweb.common.wire.WorkRequest;
import xtremweb.common.wire.WorkResponse;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.common.wire.WorkView;
import xtremweb.server.db.Database;

/** The real server, in process, over real HTTPS, from a first start in an empty home. */
class ServerApiTest {
    @TempDir
    static Path home;
    static XtremWebServer server;
    static Properties credentials = new Properties();

    @BeforeAll
    static void start() throws Exception {
        XwConfig config = XwConfig.of(Map.of("port.https", "0", "path.home", "var",
                "XWkeyStore", "var/keystore/xwserver.p12", "alive.period", "5"), "test", home);
        server = XtremWebServer.start(ServerConfig.from(config));
        try (InputStream in = Files.newInputStream(server.credentialsFile())) {
            credentials.load(in);
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static XwHttpClient client() {
        return new XwHttpClient(XwHttpClient.serverUri("127.0.0.1", server.port()),
                PinnedTrust.readPem(Path.of(credentials.getProperty("server.certificate"))));
    }

    private static XwHttpClient loggedIn(String who) {
        XwHttpClient client = client();
        client.token(client.post("/api/v1/login", new LoginRequest(credentials.getProperty(who + ".login"),
                credentials.getProperty(who + ".password")), TokenResponse.class).token());
        return client;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static DataView upload(XwHttpClient client, String name, byte[] content) throws Exception {
        DataView data = client.post("/api/v1/datas", new DataCreate(name, null, null, null, (long) content.length,
                sha256(content), null), DataView.class);
        Path file = Files.write(home.resolve(name), content);
        return client.upload("/api/v1/datas/" + data.uid() + "/content", file, Map.of(), DataView.class);
    }

    @Test
    void firstStartWritesPrivateCredentialsAndStoresNoPlainPassword() throws Exception {
        assertThat(Files.getPosixFilePermissions(server.credentialsFile())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(credentials.getProperty("admin.password")).hasSizeGreaterThanOrEqualTo(24);
        assertThat(credentials.getProperty("server.url")).isEqualTo("https://localhost:" + server.port());
        assertThat(Path.of(credentials.getProperty("server.certificate"))).exists().hasFileName("xwserver.pem");
        assertThat(loggedIn("admin").get("/api/v1/users/me", UserView.class).login()).isEqualTo("admin");
    }

    @Test
    void databaseHoldsOnlyPasswordHashes() throws Exception {
        // H2 allows one process per file but several connections in one JVM with the same URL.
        String url = Database.Target.h2(home.resolve("var")).url();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT password_hash FROM users")) {
            while (rs.next()) {
                assertThat(rs.getString(1)).startsWith("$argon2id$")
                        .doesNotContain(credentials.getProperty("admin.password"))
                        .doesNotContain(credentials.getProperty("worker.password"));
            }
        }
    }

    @Test
    void wrongPasswordAndUnknownLoginGetTheSame401() {
        XwHttpClient client = client();
        assertThatThrownBy(() -> client.post("/api/v1/login", new LoginRequest("admin", "nope"), TokenResponse.class))
                .isInstanceOfSatisfying(XwApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.code()).isEqualTo("unauthenticated");
                    assertThat(e.getMessage()).contains("wrong login or password");
                });
        assertThatThrownBy(() -> client.post("/api/v1/login", new LoginRequest("nobody", "nope"), TokenResponse.class))
                .isInstanceOfSatisfying(XwApiException.class, e -> assertThat(e.getMessage()).contains("wrong login or password"));
        assertThatThrownBy(() -> client.get("/api/v1/users/me", UserView.class))
                .isInstanceOfSatisfying(XwApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void contentThatDiffersFromTheDeclaredChecksumIsRefusedAndTheDataRemoved() throws Exception {
        XwHttpClient admin = loggedIn("admin");
        DataView data = admin.post("/api/v1/datas", new DataCreate("bad", null, null, null, 3L, sha256("abc".getBytes()), null),
                DataView.class);
        Path file = Files.writeString(home.resolve("bad"), "abd");
        assertThatThrownBy(() -> admin.upload("/api/v1/datas/" + data.uid() + "/content", file, Map.of(), DataView.class))
                .isInstanceOfSatisfying(XwApiException.class, e -> assertThat(e.code()).isEqualTo("checksum-mismatch"));
        assertThatThrownBy(() -> admin.get("/api/v1/datas/" + data.uid(), DataView.class))
                .isInstanceOfSatisfying(XwApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void dataWhoseUploadNeverFinishedIsRefusedAsInputOrBinaryAtSubmission() throws Exception {
        XwHttpClient admin = loggedIn("admin");
        DataView binary = upload(admin, "halfway.sh", "#!/bin/sh\ncat\n".getBytes(StandardCharsets.UTF_8));
        admin.post("/api/v1/apps", new AppCreate("halfway", "x86_64", "Linux", binary.uid()), AppView.class);
        // Described, its upload cut before the first byte: UNAVAILABLE for good.
        DataView cut = admin.post("/api/v1/datas", new DataCreate("cut.txt", null, null, null, 5L,
                sha256("hello".getBytes(StandardCharsets.UTF_8)), null), DataView.class);
        int worksBefore = admin.get("/api/v1/works", new TypeReference<List<WorkView>>() { }).size();

        assertThatThrownBy(() -> admin.post("/api/v1/works", new WorkSubmit("halfway", List.of(), null, cut.uid(), null),
                WorkView.class)).isInstanceOfSatisfying(XwApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.getMessage()).contains(cut.uid()).contains("standard input").contains("no content yet");
                });
        assertThatThrownBy(() -> admin.post("/api/v1/works", new WorkSubmit("halfway", List.of(), null, null, cut.uid()),
                WorkView.class)).isInstanceOfSatisfying(XwApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("environment");
                });
        assertThatThrownBy(() -> admin.post("/api/v1/apps", new AppCreate("halfway2", "x86_64", "Linux", cut.uid()), AppView.class))
                .isInstanceOfSatisfying(XwApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("binary");
                });
        assertThat(admin.get("/api/v1/works", new TypeReference<List<WorkView>>() { })).hasSize(worksBefore);
        assertThatThrownBy(() -> admin.get("/api/v1/apps/halfway2", AppView.class))
                .isInstanceOfSatisfying(XwApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void deletingAnAppEndsItsWorksThatNoWorkerStartedInsteadOfLeavingThemPendingForGood() throws Exception {
        XwHttpClient admin = loggedIn("admin");
        DataView binary = upload(admin, "doomed.sh", "#!/bin/sh\ntrue\n".getBytes(StandardCharsets.UTF_8));
        AppView app = admin.post("/api/v1/apps", new AppCreate("doomed", "x86_64", "Linux", binary.uid()), AppView.class);
        WorkView work = admin.post("/api/v1/works", new WorkSubmit("doomed", List.of(), null, null, null), WorkView.class);
        assertThat(work.status()).isEqualTo(WorkStatus.PENDING);

        AppDeletion deleted = admin.delete("/api/v1/apps/" + app.uid(), AppDeletion.class);

        // what xwrm says: how many works ended with the app
        assertThat(deleted).isEqualTo(new AppDeletion(app.uid(), "doomed", 1));
        WorkView ended = admin.get("/api/v1/works/" + work.uid(), WorkView.class);
        assertThat(ended.status()).isEqualTo(WorkStatus.ERROR);
        assertThat(ended.errorMessage()).contains("app 'doomed' was deleted");
        assertThat(ended.completed()).isNotNull();
    }

    @Test
    void unknownAppIsReportedWithWhatToDo() {
        XwHttpClient admin = loggedIn("admin");
        assertThatThrownBy(() -> admin.post("/api/v1/works", new WorkSubmit("nosuchapp", List.of(), null, null, null), WorkView.class))
                .isInstanceOfSatisfying(XwApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("app-not-found");
                    assertThat(e.getMessage()).contains("app 'nosuchapp' is not installed; list apps with xwapps");
                });
    }

    @Test
    void aBinaryForAPlatformNoWorkerReportsIsRefusedNamingTheFieldAndTheAcceptedNames() throws Exception {
        XwHttpClient admin = loggedIn("admin");
        DataView binary = upload(admin, "z80.bin", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> admin.post("/api/v1/apps", new AppCreate("retro", "z80", "linux", binary.uid()), AppView.class))
                .isInstanceOfSatisfying(XwApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("bad-cpu");
                    assertThat(e.getMessage()).contains("unknown CPU 'z80'").contains("amd64, ix86");
                });
        assertThatThrownBy(() -> admin.post("/api/v1/apps", new AppCreate("retro", "amd64", "cpm", binary.uid()), AppView.class))
                .isInstanceOfSatisfying(XwApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("bad-os");
                    assertThat(e.getMessage()).contains("unknown OS 'cpm'").contains("linux, win32, macosx");
                });
        assertThatThrownBy(() -> admin.get("/api/v1/apps/retro", AppView.class))
                .isInstanceOfSatisfying(XwApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        AppView app = admin.post("/api/v1/apps", new AppCreate("retro", "PPC", "MACOSX", binary.uid()), AppView.class);
        assertThat(app.binaries()).singleElement().satisfies(b -> assertThat(b.os() + "/" + b.cpu()).isEqualTo("macosx/ppc"));
    }

    @Test
    void dataForAPlatformNoWorkerReportsIsRefusedAsAnAppBinaryIs() throws Exception {
        XwHttpClient admin = loggedIn("admin");
        assertThatThrownBy(() -> admin.post("/api/v1/datas", new DataCreate("retro.dat", null, "linux", "z80", 1L, null, null),
                DataView.class)).isInstanceOfSatisfying(XwApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("bad-cpu");
                    assertThat(e.getMessage()).contains("unknown CPU 'z80'").contains("amd64, ix86");
                });
        assertThatThrownBy(() -> admin.post("/api/v1/datas", new DataCreate("retro.dat", null, "cpm", "amd64", 1L, null, null),
                DataView.class)).isInstanceOfSatisfying(XwApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("bad-os");
                    assertThat(e.getMessage()).contains("unknown OS 'cpm'").contains("linux, win32, macosx");
                });
        DataView data = admin.post("/api/v1/datas", new DataCreate("modern.dat", null, "Mac OS X", "arm64", 1L, null, null),
                DataView.class);
        assertThat(data.os() + "/" + data.cpu()).isEqualTo("macosx/aarch64");
    }

    @Test
    void workRunsFromSubmissionToDownloadedResult() throws Exception {
        XwHttpClient admin = loggedIn("admin");
        byte[] binary = "#!/bin/sh\ncat\n".getBytes(StandardCharsets.UTF_8);
        DataView binaryData = upload(admin, "echo.sh", binary);
        assertThat(binaryData.status()).isEqualTo(DataStatus.AVAILABLE);
        assertThat(binaryData.uri()).endsWith(":" + server.port() + "/" + binaryData.uid());
        AppView app = admin.post("/api/v1/apps", new AppCreate("echo", "x86_64", "Linux", binaryData.uid()), AppView.class);
        assertThat(app.binaries()).singleElement().satisfies(b -> assertThat(b.os() + "/" + b.cpu()).isEqualTo("linux/amd64"));
        DataView stdin = upload(admin, "stdin.txt", "hello".getBytes(StandardCharsets.UTF_8));
        WorkView work = admin.post("/api/v1/works", new WorkSubmit("echo", List.of("-n", "1"), "t", stdin.uid(), null), WorkView.class);
        assertThat(work.status()).isEqualTo(WorkStatus.PENDING);

        XwHttpClient worker = loggedIn("worker");
        HostCredential host = worker.post("/api/v1/worker/register",
                new HostRegistration(null, "node1", "linux", "amd64", 2, 1L << 30, "21"), HostCredential.class);
        assertThat(host.alivePeriodSeconds()).isEqualTo(5);
        worker.token(host.hostToken());
        WorkResponse response = worker.post("/api/v1/worker/workrequest", new WorkRequest(2), WorkResponse.class);
        Assignment a = response.assignment();
        assertThat(a.workUid()).isEqualTo(work.uid());
        assertThat(a.binary().sha256()).isEqualTo(sha256(binary));

        Path got = home.resolve("got-binary");
        worker.download("/api/v1/worker/tasks/" + a.taskUid() + "/inputs/" + a.binary().dataUid(), got);
        assertThat(Files.readAllBytes(got)).isEqualTo(binary);
        worker.download("/api/v1/worker/tasks/" + a.taskUid() + "/inputs/" + a.stdin().dataUid(), got);
        assertThat(Files.readString(got)).isEqualTo("hello");

        // A second host of the same account cannot touch the first host's task.
        XwHttpClient intruder = loggedIn("worker");
        intruder.token(intruder.post("/api/v1/worker/register",
                new HostRegistration(null, "node2", "linux", "amd64", 2, 1L << 30, "21"), HostCredential.class).hostToken());
        assertThatThrownBy(() -> intruder.postNoContent("/api/v1/worker/tasks/" + a.taskUid() + "/status",
                new TaskReport(WorkStatus.ERROR, null, "mine now")))
                .isInstanceOfSatisfying(XwApiException.class, e -> assertThat(e.status()).isEqualTo(403));

        assertThatThrownBy(() -> worker.postNoContent("/api/v1/worker/tasks/" + a.taskUid() + "/status",
                new TaskReport(WorkStatus.COMPLETED, 0, null)))
                .isInstanceOfSatisfying(XwApiException.class, e -> assertThat(e.status()).isEqualTo(409));

        byte[] zip = "PK-result".getBytes(StandardCharsets.UTF_8);
        Path zipFile = Files.write(home.resolve("result.zip"), zip);
        DataView result = worker.upload("/api/v1/worker/tasks/" + a.taskUid() + "/result", zipFile,
                Map.of("X-XW-SHA256", sha256(zip)), DataView.class);
        assertThat(result.ownerUid()).isEqualTo(work.ownerUid());
        worker.postNoContent("/api/v1/worker/tasks/" + a.taskUid() + "/status", new TaskReport(WorkStatus.COMPLETED, 3, null));

        WorkView done = admin.get("/api/v1/works/" + work.uid(), WorkView.class);
        assertThat(done.status()).isEqualTo(WorkStatus.COMPLETED);
        assertThat(done.exitCode()).isEqualTo(3);
        Path downloaded = home.resolve("downloaded.zip");
        admin.download("/api/v1/datas/" + done.resultDataUid() + "/content", downloaded);
        assertThat(Files.readAllBytes(downloaded)).isEqualTo(zip);
        assertThat(admin.get("/api/v1/works?status=COMPLETED", new TypeReference<List<WorkView>>() {
        })).extracting(WorkView::uid).contains(work.uid());
        assertThat(Files.readString(home.resolve("var/logs/access.log"))).contains("POST /api/v1/worker/workrequest");
    }
}
