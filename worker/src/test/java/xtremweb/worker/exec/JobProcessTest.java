package xtremweb.worker.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs({OS.LINUX, OS.MAC})
class JobProcessTest {
    @TempDir
    Path temp;
    Path scratch;
    Path emptyStdin;

    @BeforeEach
    void createDirs() throws IOException {
        scratch = Files.createDirectory(temp.resolve("scratch"));
        emptyStdin = Files.createFile(temp.resolve("empty"));
    }

    private JobSpec spec(Path binary, List<String> args, Duration timeout) {
        return new JobSpec(binary, args, scratch, emptyStdin, Map.of("XW_TASKUID", "t-1", "XW_WORKUID", "w-1"), timeout);
    }

    @Test
    void passesTheArgumentVectorExactlyWithoutShellSplittingOrExpansion() throws Exception {
        List<String> args = List.of("-c", "printf '[%s]' \"$@\"", "sh", "a b", "c", "*", "$HOME", "", "'q'");

        JobExit exit = JobProcess.run(spec(Path.of("/bin/sh"), args, Duration.ofSeconds(30)), p -> { });

        assertThat(exit).isEqualTo(new JobExit(0, false));
        assertThat(scratch.resolve("stdout.txt")).hasContent("[a b][c][*][$HOME][]['q']");
    }

    @Test
    void runsInTheScratchDirectoryWithAMinimalEnvironment() throws Exception {
        JobExit exit = JobProcess.run(spec(Path.of("/bin/sh"), List.of("-c", "pwd; env | sort"), Duration.ofSeconds(30)),
                p -> { });

        assertThat(exit.exitCode()).isZero();
        List<String> lines = Files.readAllLines(scratch.resolve("stdout.txt"));
        assertThat(Path.of(lines.get(0)).toRealPath()).isEqualTo(scratch.toRealPath());
        assertThat(lines.subList(1, lines.size()))
                .filteredOn(l -> !l.startsWith("PWD=") && !l.startsWith("SHLVL=") && !l.startsWith("_="))
                .containsExactlyInAnyOrder("HOME=" + scratch, "LANG=C.UTF-8", "PATH=" + JobProcess.PATH,
                        "TMPDIR=" + scratch, "XW_DIR=" + scratch, "XW_TASKUID=t-1", "XW_WORKUID=w-1");
    }

    @Test
    void readsStdinFromTheGivenFileAndSeparatesStderr() throws Exception {
        Path stdin = Files.writeString(temp.resolve("stdin"), "from stdin");
        JobSpec spec = new JobSpec(Path.of("/bin/sh"), List.of("-c", "cat; echo oops >&2; exit 3"), scratch, stdin,
                Map.of(), Duration.ofSeconds(30));

        JobExit exit = JobProcess.run(spec, p -> { });

        assertThat(exit).isEqualTo(new JobExit(3, false));
        assertThat(scratch.resolve("stdout.txt")).hasContent("from stdin");
        assertThat(scratch.resolve("stderr.txt")).hasContent("oops");
    }

    @Test
    void wallClockLimitKillsTheProcessTree() throws Exception {
        AtomicReference<Process> started = new AtomicReference<>();
        long begin = System.nanoTime();

        JobExit exit = JobProcess.run(spec(Path.of("/bin/sh"), List.of("-c", "sleep 60 & sleep 60; wait"),
                Duration.ofSeconds(1)), started::set);

        assertThat(exit.timedOut()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(20));
        assertThat(started.get().isAlive()).isFalse();
        assertThat(started.get().descendants().toList()).isEmpty();
    }

    @Test
    void aBinaryThatIsNotAnExecutableFailsToStartWithExecFormatError() throws IOException {
        Path junk = Files.write(temp.resolve("junk"), new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        junk.toFile().setExecutable(true);

        assertThatThrownBy(() -> JobProcess.run(spec(junk, List.of(), Duration.ofSeconds(30)), p -> { }))
                .isInstanceOfSatisfying(IOException.class,
                        e -> assertThat(JobProcess.startFailureReason(e)).startsWith("exec format error"));
    }
}
