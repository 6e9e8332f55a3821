package xtremweb.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.WorkView;

/**
 * A real {@code xwresult --xwwait} process stopped with Ctrl-C (SIGINT) while its work runs: it
 * exited 130 without a word; it now says that the work keeps running and how to fetch it later.
 */
class ResultWaitInterruptedTest {
    @TempDir
    Path dir;

    @Test
    void ctrlCDuringAWaitSaysTheWorkKeepsRunningAndTheCommandThatFetchesItLater() throws Exception {
        try (FakeServer server = new FakeServer(dir, true)) {
            String uid = UUID.randomUUID().toString();
            server.works.put(uid, new WorkView(uid, "a1", "echo", "u1", null, List.of(), WorkStatus.RUNNING, null, null, null,
                    null, null, "0x700", 0, Instant.now(), null));
            Process client = xwresult(server, "--xwwait", "600", "--xwclientloopdelay", "100", "--xwout", dir.resolve("my results")
                    .toString(), uid);
            try {
                await("xwresult waiting").atMost(Duration.ofSeconds(30)).until(() -> server.workReads.get() >= 2 || !client.isAlive());
                assertThat(client.isAlive()).as("xwresult waits").isTrue();
                assertThat(new ProcessBuilder("kill", "-" + signal(), String.valueOf(client.pid())).start().waitFor()).isZero();
                assertThat(client.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                client.destroyForcibly();
            }

            assertThat(client.exitValue()).isEqualTo(signal().equals("INT") ? 130 : 143);
            assertThat(Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8).strip()).isEqualTo("xtremweb.client: stopped"
                    + " while waiting; work " + uid + " keeps running on the server: fetch its result later with xwresult"
                    + " --xwconfig " + dir.resolve("xwrc") + " --xwwait 600 --xwout '" + dir.resolve("my results") + "' " + uid);
        }
    }

    @Test
    void theLineNamesTheWorksNotFetchedYetOrAllOfYoursWhenNoneWasNamed() {
        List<String> uids = IntStream.range(0, 12).mapToObj(i -> UUID.randomUUID().toString()).toList();
        StringWriter unused = new StringWriter();
        try (StoppedWhileWaiting named = new StoppedWhileWaiting(uids, "xwresult --xwwait 60", new PrintWriter(unused));
             StoppedWhileWaiting all = new StoppedWhileWaiting(List.of(), "xwresult --xwwait 60", new PrintWriter(unused))) {
            named.handled(uids.get(0));
            assertThat(named.sentence("xwresult --xwwait 60")).isEqualTo("xtremweb.client: stopped while waiting; the 11 works not"
                    + " fetched yet keep running on the server: fetch their results later with xwresult --xwwait 60 "
                    + String.join(" ", uids.subList(1, 11)) + " and one other (xwworks lists it)");
            assertThat(all.sentence("xwresult --xwwait 60")).isEqualTo("xtremweb.client: stopped while waiting; your works keep"
                    + " running on the server: fetch their results later with xwresult --xwwait 60");
        }
        assertThat(unused.toString()).as("said only when stopped").isEmpty();
    }

    /**
     * SIGINT, as Ctrl-C sends it; SIGTERM (the same shutdown hooks) where this test runs with SIGINT
     * ignored, as a job started in the background of a non-interactive shell is: its processes
     * inherit that, and the client would never see the signal.
     */
    private static String signal() throws java.io.IOException {
        String ignored = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("SigIgn:"))
                .map(line -> line.substring("SigIgn:".length()).strip()).findFirst().orElse("0");
        return (Long.parseUnsignedLong(ignored, 16) & 0x2) == 0 ? "INT" : "TERM";
    }

    private Process xwresult(FakeServer server, String... args) throws Exception {
        Path password = Files.writeString(dir.resolve("password"), FakeServer.PASSWORD + "\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        Path config = Files.writeString(dir.resolve("xwrc"), String.join("\n",
                "dispatcher.servers: localhost",
                "port.https: " + server.uri().getPort(),
                "path.certfile: " + server.pem,
                "login: bob",
                "password.file: " + password, ""));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), ClientMain.class.getName(), "--xwconfig", config.toString(), "xwresult"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(dir.resolve("stderr").toFile()).start();
    }
}
