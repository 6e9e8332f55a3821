package xtremweb.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundedLogFileTest {
    @TempDir
    Path dir;

    @Test
    void theLogTurnsOverPastItsSizeKeepsFiveOldFilesAndLosesNoRecentLine() throws Exception {
        Path file = dir.resolve("logs").resolve("access.log");
        BoundedLogFile log = new BoundedLogFile(file, 1000);
        log.start();
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String line = String.format("127.0.0.1 - - \"GET /api/v1/works/%04d HTTP/1.1\" 200", i);
            log.write(line);
            written.add(line);
        }
        log.stop();

        // The live file and five turned-over ones, each at most the bound; nothing older.
        assertThat(file).exists();
        for (int i = 1; i <= BoundedLogFile.KEEP; i++) {
            assertThat(Files.size(dir.resolve("logs").resolve("access.log." + i))).isLessThanOrEqualTo(1000);
        }
        assertThat(Files.size(file)).isLessThanOrEqualTo(1000);
        assertThat(dir.resolve("logs").resolve("access.log." + (BoundedLogFile.KEEP + 1))).doesNotExist();

        // Read oldest to newest, the files hold the last lines written, in order, none missing.
        List<String> kept = new ArrayList<>();
        for (int i = BoundedLogFile.KEEP; i >= 1; i--) {
            kept.addAll(Files.readAllLines(dir.resolve("logs").resolve("access.log." + i)));
        }
        kept.addAll(Files.readAllLines(file));
        assertThat(kept).isNotEmpty().isEqualTo(written.subList(written.size() - kept.size(), written.size()));
        assertThat(kept.size()).isGreaterThan(5 * 1000 / 60);
    }

    @Test
    void aRestartedServerAppendsToTheLogAndCountsWhatIsAlreadyThere() throws Exception {
        Path file = dir.resolve("access.log");
        Files.writeString(file, "x".repeat(950) + "\n");
        BoundedLogFile log = new BoundedLogFile(file, 1000);
        log.start();
        log.write("a line of the new run that does not fit beside the old ones");
        log.stop();

        assertThat(Files.readString(dir.resolve("access.log.1"))).startsWith("xxx");
        assertThat(Files.readAllLines(file)).containsExactly("a line of the new run that does not fit beside the old ones");
    }
}
