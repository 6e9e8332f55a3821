package xtremweb.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendAppCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        ClientMain main = new ClientMain(config -> {
            throw new AssertionError("a binary no worker can run must be refused before logging in");
        }, Optional::empty);
        return ClientMain.commandLine(main, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void anEmptyBinaryIsAUsageErrorBeforeAnyUpload(@TempDir Path dir) throws IOException {
        Path empty = Files.createFile(dir.resolve("solver"));
        assertThat(run("xwsendapp", "solver", "amd64", "linux", empty.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("the binary " + empty + " is empty (0 bytes)");
        assertThat(out.toString()).isEmpty();
    }
}
