package xtremweb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wrong password, unknown app, no binary for the worker's platform, a binary that cannot run. */
class MistakesGetClearAnswersTest {
    @TempDir
    static Path tmp;
    static Deployment grid;
    static Path admin;
    static Daemon worker;

    @BeforeAll
    static void startGrid() throws Exception {
        grid = Deployment.create(tmp, "h2");
        grid.startServer();
        admin = grid.adminConfig();
        worker = grid.startWorker("worker", 1);
    }

    @AfterAll
    static void stopGrid() throws Exception {
        grid.close();
    }

    @Test
    void wrongPasswordIsRefusedInOneSentence() throws Exception {
        Path wrong = grid.clientConfig("wrong", grid.credential("admin.login"), "not-the-password");
        Command.Result result = grid.client(wrong, "xwworks", List.of());
        assertThat(result.exitCode()).as(result.describe()).isEqualTo(4);
        assertThat(result.stderr()).contains("wrong login or password").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(result.stderr().strip().lines()).hasSize(1);
    }

    @Test
    void unknownAppIsNamedInTheError() throws Exception {
        Command.Result result = grid.client(admin, "xwsendwork", List.of("nosuchapp", "x"));
        assertThat(result.exitCode()).as(result.describe()).isEqualTo(3);
        assertThat(result.stderr()).contains("nosuchapp").contains("xwapps").doesNotContain("\tat ");
    }

    @Test
    void appWithoutABinaryForTheWorkersPlatformIsRefusedAtSubmission() throws Exception {
        Path binary = tmp.resolve("win.exe");
        Files.writeString(binary, "MZ not really windows");
        Command.Result app = grid.client(admin, "xwsendapp", List.of("winonly", "amd64", "win32", binary.toString()));
        assertThat(app.exitCode()).as(app.describe()).isZero();
        Command.Result result = grid.client(admin, "xwsendwork", List.of("winonly"));
        assertThat(result.exitCode()).as(result.describe()).isNotZero();
        assertThat(result.stderr()).contains("winonly").contains("no binary").doesNotContain("\tat ");
    }

    @Test
    void binaryThatCannotRunEndsTheJobInErrorWithTheReason() throws Exception {
        Path binary = tmp.resolve("not-a-program");
        Files.writeString(binary, "this is text, not an executable\n");
        Command.Result app = grid.client(admin, "xwsendapp", List.of("broken", System.getProperty("os.arch"), "linux", binary.toString()));
        assertThat(app.exitCode()).as(app.describe()).isZero();
        Command.Result sent = grid.client(admin, "xwsendwork", List.of("broken"));
        assertThat(sent.exitCode()).as(sent.describe()).isZero();
        String work = sent.stdout().trim();

        Command.Result result = grid.client(admin, "xwresult", List.of("--xwwait", "120", "--xwout", tmp.resolve("out").toString(), work));
        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stderr()).contains(work).contains("ERROR").contains("cannot execute");
        assertThat(worker.isAlive()).as("the worker survives a broken binary").isTrue();
        assertThat(grid.server().isAlive()).isTrue();
    }
}
