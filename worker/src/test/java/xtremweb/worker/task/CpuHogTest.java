package xtremweb.worker.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.Assignment;
import xtremweb.common.wire.InputRef;
import xtremweb.common.wire.TaskReport;
import xtremweb.worker.activator.ActivatorSettings;
import xtremweb.worker.activator.Activators;
import xtremweb.worker.cache.InputCache;
import xtremweb.worker.loop.Activation;
import xtremweb.worker.server.Backoff;
import xtremweb.worker.server.StopSignal;

/**
 * The acceptance test of the CpuActivator against the real machine: a CPU hog started beside the
 * worker (the owner "working") freezes the running job, whose processes show state T in /proc;
 * once the hog ends the job continues and completes with its full output. The job itself sleeps,
 * so what the policy sees is the hog, not the job.
 */
@EnabledOnOs(OS.LINUX)
class CpuHogTest {
    @TempDir
    Path temp;
    private final List<Process> hogs = new ArrayList<>();
    private final StopSignal stop = new StopSignal();

    @AfterEach
    void cleanUp() {
        hogs.forEach(Process::destroyForcibly);
        stop.stop();
    }

    @Test
    void aCpuHogSuspendsTheRunningJobWhichResumesAndCompletesWhenTheHogEnds() throws Exception {
        TaskRunnerTest.FakeServer server = new TaskRunnerTest.FakeServer();
        RunningTasks running = new RunningTasks();
        TaskRunner runner = new TaskRunner(server, new InputCache(temp.resolve("cache")),
                Files.createDirectory(temp.resolve("tmp")), Duration.ofMinutes(5), running, stop,
                () -> new Backoff(Duration.ofMillis(1), Duration.ofMillis(5)));
        // cpuload 75%: every core hogged is far above; the resume delay of 2 s asks for a calm that lasts
        ActivatorSettings cpuOnly = new ActivatorSettings(List.of("CpuActivator"), null, 75, 15, Duration.ofSeconds(2),
                Duration.ofSeconds(30), Duration.ofMillis(500), Duration.ofHours(1));
        Activation activation = new Activation(Activators.create(cpuOnly, Clock.systemUTC(), running::pids), running,
                Clock.systemUTC(), cpuOnly.period(), cpuOnly.suspendLimit(), stop);
        Thread policy = new Thread(activation, "test-activation");
        policy.setDaemon(true);
        policy.start();

        // 30 steps of 0.2 s: about 6 s of running time, counted in its output
        InputRef binary = server.add("bin-1", "job.sh", TaskRunnerTest.script(
                "i=0; while [ $i -lt 30 ]; do sleep 0.2; i=$((i+1)); echo step $i; done; echo finished"));
        Thread job = new Thread(() -> runner.run(new Assignment("task-1", "work-1", "job", List.of(), binary, null, null, null)));
        job.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !running.pids().isEmpty());
        await("the policy lets the job run while the machine is calm").atMost(Duration.ofSeconds(60)).until(activation::active);

        int cores = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < cores; i++) {
            hogs.add(new ProcessBuilder("sh", "-c", "while :; do :; done").start());
        }
        await("the hog makes the CpuActivator suspend the job").atMost(Duration.ofSeconds(30))
                .until(() -> !activation.active());
        List<Long> jobPids = List.copyOf(running.pids());
        // stopped (T); a child that ended just as its parent froze stays a zombie (Z) until the parent resumes
        List<Character> states = jobPids.stream().map(SuspensionTest::state).toList();
        assertThat(states).as("states of the job's processes %s", jobPids).contains('T').allMatch(s -> s == 'T' || s == 'Z');
        assertThat(job.isAlive()).isTrue();

        hogs.forEach(Process::destroyForcibly);
        for (Process hog : hogs) {
            hog.waitFor();
        }
        // other programs of the machine count as its owner too: on a shared, busy machine the calm may take a while
        await("the job resumes once the owner's CPU use stayed low, and completes").atMost(Duration.ofMinutes(4))
                .until(() -> !job.isAlive());

        assertThat(job.isAlive()).isFalse();
        assertThat(server.reports).containsExactly(new TaskReport(WorkStatus.COMPLETED, 0, null));
        assertThat(server.resultZip.get("stdout.txt")).contains("step 30\nfinished\n");
    }
}
