package xtremweb.server.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.config.XwConfig;
import xtremweb.common.http.PinnedTrust;
import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.wire.DataCreate;
import xtremweb.common.wire.DataView;
import xtremweb.common.wire.LoginRequest;
import xtremweb.common.wire.TokenResponse;
import xtremweb.server.ServerConfig;
import xtremweb.server.XtremWebServer;

/**
 * The data disk full or read-only, for real: the server's data directory is a 2 MiB tmpfs mounted
 * for this test (Linux, as root; elsewhere the test is skipped). An upload that does not fit is a
 * 507 naming the cause, a read-only disk a 503, and no partial file stays behind.
 */
class DiskFullApiTest {
    @TempDir
    static Path home;
    static Path dataDir;
    static boolean mounted;
    static XtremWebServer server;
    static XwHttpClient admin;

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createDirectories(home.resolve("var/data"));
        mounted = run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", dataDir.toString());
        assumeTrue(mounted, "mounting a tmpfs needs root on Linux");
        server = XtremWebServer.start(ServerConfig.from(XwConfig.of(Map.of("port.https", "0", "path.home", "var",
                "XWkeyStore", "var/keystore/xwserver.p12"), "test", home)));
        var credentials = new java.util.Properties();
        try (var in = Files.newInputStream(server.credentialsFile())) {
            credentials.load(in);
        }
        admin = new XwHttpClient(XwHttpClient.serverUri("127.0.0.1", server.port()), PinnedTrust.readPem(server.certificateFile()));
        admin.token(admin.post("/api/v1/login", new LoginRequest(credentials.getProperty("admin.login"),
                credentials.getProperty("admin.password")), TokenResponse.class).token());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (mounted) {
            run("umount", dataDir.toString());
        }
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private DataView upload(String name, int bytes) throws IOException {
        DataView data = admin.post("/api/v1/datas", new DataCreate(name, null, null, null, null, null, null), DataView.class);
        Path file = Files.write(home.resolve(name), new byte[bytes]);
        return admin.upload("/api/v1/datas/" + data.uid() + "/content", file, Map.of(), DataView.class);
    }

    private static long filesIn(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.count();
        }
    }

    @Test
    void anUploadThatDoesNotFitIs507NamingTheFullDiskAndLeavesNoPartialFile() throws Exception {
        assertThatThrownBy(() -> upload("too-big", 4 << 20)).isInstanceOfSatisfying(XwApiException.class, e -> {
            assertThat(e.status()).isEqualTo(507);
            assertThat(e.code()).isEqualTo("storage-full");
            assertThat(e.getMessage()).contains("the server's data disk is full");
        });
        assertThat(filesIn(dataDir.resolve("tmp"))).isZero();
        assertThat(upload("fits", 1000).size()).isEqualTo(1000);
    }

    @Test
    void aReadOnlyDiskIs503SayingItCannotBeWritten() throws Exception {
        assertThat(run("mount", "-o", "remount,ro", dataDir.toString())).isTrue();
        try {
            assertThatThrownBy(() -> upload("read-only", 1000)).isInstanceOfSatisfying(XwApiException.class, e -> {
                assertThat(e.status()).isEqualTo(503);
                assertThat(e.code()).isEqualTo("storage-unavailable");
                assertThat(e.getMessage()).contains("cannot write its data disk");
            });
        } finally {
            run("mount", "-o", "remount,rw", dataDir.toString());
        }
    }
}
