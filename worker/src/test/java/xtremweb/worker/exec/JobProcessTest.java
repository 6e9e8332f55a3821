package xtremweb.worker.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

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
    @EnabledOnOs(OS.LINUX)
    void whatAnUnsandboxedJobLeftRunningDiesWhenTheJobEnds() throws Exception {
        // "cmd &" in a job script: once the job exits, its child is re-parented out of the worker's
        // sight and ran on in the volunteer's machine after the task was COMPLETED
        JobExit exit = JobProcess.run(spec(Path.of("/bin/sh"), List.of("-c", "sleep 300 & echo $!"), Duration.ofSeconds(30)),
                p -> { });

        assertThat(exit.exitCode()).isZero();
        long child = Long.parseLong(Files.readString(scratch.resolve("stdout.txt")).strip());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ProcessHandle.of(child).map(h -> !h.isAlive() || !isRunningSleep(child)).orElse(true));
    }

    @Test
    void aScriptWhoseInterpreterIsMissingFailsToStartInsteadOfEndingWithAnExitCode() throws IOException {
        Path script = Files.writeString(temp.resolve("script"), "#!/nonexistent/interpreter\n");
        script.toFile().setExecutable(true);

        assertThatThrownBy(() -> JobProcess.run(spec(script, List.of(), Duration.ofSeconds(30)), p -> { }))
                .isInstanceOfSatisfying(IOException.class,
                        e -> assertThat(JobProcess.startFailureReason(e)).contains("no such file or directory"));
    }

    /** Whether pid still runs the job's sleep (not a zombie waiting for its reaper, not a reused pid). */
    private static boolean isRunningSleep(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.contains("(sleep)") && stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
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
