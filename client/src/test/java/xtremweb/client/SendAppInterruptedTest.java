package xtremweb.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code xwsendapp} process stopped (Ctrl-C, {@code kill}) after its binary's upload and
 * before the server created the app leaves no binary behind: nothing would refer to it, and it
 * would count in its owner's quota.
 */
class SendAppInterruptedTest {
    @TempDir
    Path dir;

    @Test
    void xwsendappKilledBeforeItsAppExistsRemovesTheBinaryItUploaded() throws Exception {
        try (FakeServer server = new FakeServer(dir, true)) {
            String binary = stoppedWhileTheAppIsCreated(server);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.deletedDatas.contains(binary));
            assertThat(Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8))
                    .contains("stopped before app 'solver' was created: its binary " + binary + " was removed again");
        }
    }

    @Test
    void xwsendappKilledWhileTheServerHasMadeItsAppButNotAnsweredKeepsTheBinary() throws Exception {
        // The app exists (its answer is what is late): removing its binary would make every work of it fail.
        try (FakeServer server = new FakeServer(dir, true)) {
            server.appMadeBeforeHeld = true;
            String binary = stoppedWhileTheAppIsCreated(server);
            assertThat(Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8))
                    .contains("stopped while app 'solver' was being created: the server made it, with its binary " + binary);
            assertThat(server.deletedDatas).doesNotContain(binary);
        }
    }

    /**
     * Runs xwsendapp, holds the app's creation on the server, stops the client (SIGTERM, as kill and,
     * SIGINT aside, Ctrl-C do) and waits for it to end; returns the binary's data UID.
     */
    private String stoppedWhileTheAppIsCreated(FakeServer server) throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        server.appCreationsHeld = held;
        Process client = null;
        try {
            client = xwsendapp(server, Files.writeString(dir.resolve("solver"), "#!/bin/sh\necho solved\n"));
            assertThat(server.appCreationArrived.await(60, TimeUnit.SECONDS)).as("the app's creation reached the server").isTrue();
            String binary = server.datas.keySet().iterator().next();
            client.destroy();
            assertThat(client.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return binary;
        } finally {
            held.countDown();
            if (client != null) {
                client.destroyForcibly();
            }
        }
    }

    private Process xwsendapp(FakeServer server, Path binary) throws IOException {
        Path password = Files.writeString(dir.resolve("password"), FakeServer.PASSWORD + "\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        Path config = Files.writeString(dir.resolve("xwrc"), String.join("\n",
                "dispatcher.servers: localhost",
                "port.https: " + server.uri().getPort(),
                "path.certfile: " + server.pem,
                "login: bob",
                "password.file: " + password, ""));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), ClientMain.class.getName(),
                "xwsendapp", "--xwconfig", config.toString(), "solver", "amd64", "linux", binary.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(dir.resolve("stderr").toFile()).start();
    }
}
