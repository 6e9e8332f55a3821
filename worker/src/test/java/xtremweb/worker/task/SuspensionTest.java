package xtremweb.worker.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.Assignment;
import xtremweb.common.wire.InputRef;
import xtremweb.common.wire.TaskReport;
import xtremweb.worker.cache.InputCache;
import xtremweb.worker.server.Backoff;
import xtremweb.worker.server.StopSignal;

/** Real job processes frozen with SIGSTOP, thawed with SIGCONT, or killed and given back. */
@EnabledOnOs(OS.LINUX)
class SuspensionTest {
    @TempDir
    Path temp;
    TaskRunnerTest.FakeServer server;
    RunningTasks running;
    TaskRunner runner;

    @BeforeEach
    void setUp() throws IOException {
        Path tmpDir = Files.createDirectory(temp.resolve("tmp"));
        server = new TaskRunnerTest.FakeServer();
        running = new RunningTasks();
        runner = new TaskRunner(server, new InputCache(temp.resolve("home/cache")), tmpDir, Duration.ofSeconds(60),
                running, new StopSignal(), () -> new Backoff(Duration.ofMillis(1), Duration.ofMillis(5)), temp.resolve("home/pending"));
    }

    static char state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (IOException e) {
            return '?';
        }
    }

    private Thread start(String body) throws Exception {
        InputRef binary = server.add("bin-1", "job.sh", TaskRunnerTest.script(body));
        Thread thread = new Thread(() -> runner.run(new Assignment("task-1", "work-1", "job", List.of(), binary, null, null, null)));
        thread.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> running.pids().size() >= 2);
        return thread;
    }

    @Test
    void aSuspendedJobIsStoppedAndCompletesOnceResumed() throws Exception {
        Thread job = start("sleep 1; echo done");

        assertThat(running.suspendAll()).isEqualTo(1);
        // SIGSTOP is delivered, not applied at once: a process that was on a core (the shell just
        // starting its sleep) shows 'R' for a moment before 'T'.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(running.pids()).allSatisfy(pid -> assertThat(state(pid)).as("state of %d", pid).isEqualTo('T')));
        // the job needs 1 s of running; frozen, it must not finish
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> server.reports.isEmpty());
        assertThat(job.isAlive()).isTrue();

        assertThat(running.resumeAll()).isEqualTo(1);
        job.join(10_000);

        assertThat(server.reports).containsExactly(new TaskReport(WorkStatus.COMPLETED, 0, null));
        assertThat(server.resultZip).containsEntry("stdout.txt", "done\n");
    }

    @Test
    void aJobSuspendedTooLongIsKilledAndGivenBackNotReportedAsAFailure() throws Exception {
        Thread job = start("sleep 60");
        running.suspendAll();
        List<Long> pids = List.copyOf(running.pids());

        assertThat(running.giveBackAll()).isEqualTo(1);
        job.join(10_000);

        assertThat(job.isAlive()).isFalse();
        assertThat(server.givenBack).containsExactly("task-1");
        assertThat(server.reports).isEmpty();
        // killed: gone, or a zombie waiting for init to reap it
        await().atMost(Duration.ofSeconds(5)).until(() -> pids.stream().allMatch(pid -> state(pid) == '?' || state(pid) == 'Z'));
    }
}
