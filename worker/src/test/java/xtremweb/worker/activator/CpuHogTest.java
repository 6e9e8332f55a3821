package xtremweb.worker.activator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.Assignment;
import xtremweb.common.wire.InputRef;
import xtremweb.common.wire.TaskReport;
import xtremweb.worker.cache.InputCache;
import xtremweb.worker.loop.Activation;
import xtremweb.worker.server.Backoff;
import xtremweb.worker.server.StopSignal;
import xtremweb.worker.task.RunningTasks;
import xtremweb.worker.task.TaskRunner;
import xtremweb.worker.task.TaskServer;

/**
 * The CpuActivator acceptance test with real processes: a CPU hog started beside the worker
 * freezes the running job (its processes show state T in /proc), and once the hog ends the job
 * continues and completes with its whole output.
 *
 * <p>The owner's CPU use is measured as the hog's own CPU time: this machine is shared with other
 * builds, which the production sampler ({@link OshiCpuSampler}, total minus the worker's jobs)
 * would rightly count as "the owner" and which would make the test depend on the neighbours.
 * Everything else (the policy with its hysteresis and resume delay, the activation thread,
 * SIGSTOP/SIGCONT, the task runner) is the production code.
 */
@EnabledOnOs(OS.LINUX)
class CpuHogTest {
    @TempDir
    Path temp;
    private final List<Process> hogs = new CopyOnWriteArrayList<>();
    private final StopSignal stop = new StopSignal();

    @AfterEach
    void cleanUp() {
        hogs.forEach(Process::destroyForcibly);
        stop.stop();
    }

    /** The CPU the hogs used since the previous sample, in percent of the whole machine. */
    private final class HogSampler implements CpuSampler {
        private long previousCpuNanos;
        private long previousWallNanos = System.nanoTime();

        @Override
        public synchronized double ownerLoadPercent() {
            long cpu = hogs.stream().mapToLong(h -> h.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
            long wall = System.nanoTime();
            double percent = 100.0 * Math.max(0, cpu - previousCpuNanos)
                    / ((double) Math.max(1, wall - previousWallNanos) * Runtime.getRuntime().availableProcessors());
            previousCpuNanos = cpu;
            previousWallNanos = wall;
            return percent;
        }
    }

    /** Serves the job's binary and records the result and report. */
    private static final class Server implements TaskServer {
        final byte[] binary;
        final List<TaskReport> reports = new CopyOnWriteArrayList<>();
        volatile String stdout;

        Server(byte[] binary) {
            this.binary = binary;
        }

        @Override
        public void downloadInput(String taskUid, String dataUid, Path target) {
            try {
                Files.write(target, binary);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void uploadResult(String taskUid, Path zip, String sha256) {
            try (ZipFile file = new ZipFile(zip.toFile())) {
                stdout = new String(file.getInputStream(file.getEntry("stdout.txt")).readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void report(String taskUid, TaskReport report) {
            reports.add(report);
        }

        @Override
        public void giveBack(String taskUid) {
            throw new AssertionError("nothing must be given back");
        }
    }

    private static char state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (IOException e) {
            return '?';
        }
    }

    @Test
    void aCpuHogSuspendsTheRunningJobWhichResumesAndCompletesWhenTheHogEnds() throws Exception {
        // 30 steps of 0.2 s: about 6 s of running time, each step in its output
        byte[] script = ("#!/bin/sh\ni=0; while [ $i -lt 30 ]; do sleep 0.2; i=$((i+1)); echo step $i; done; echo finished\n")
                .getBytes(StandardCharsets.UTF_8);
        Server server = new Server(script);
        RunningTasks running = new RunningTasks();
        TaskRunner runner = new TaskRunner(server, new InputCache(temp.resolve("cache")),
                Files.createDirectory(temp.resolve("tmp")), Duration.ofMinutes(5), running, stop,
                () -> new Backoff(Duration.ofMillis(1), Duration.ofMillis(5)), temp.resolve("pending"));
        CpuActivator policy = new CpuActivator(new HogSampler(), Clock.systemUTC(), 10, 5, Duration.ofSeconds(2));
        Activation activation = new Activation(policy, running, Clock.systemUTC(), Duration.ofMillis(300), Duration.ofHours(1),
                stop);
        Thread policyThread = new Thread(activation, "test-activation");
        policyThread.setDaemon(true);
        policyThread.start();

        InputRef binary = new InputRef("bin-1", "job.sh", script.length,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(script)));
        Thread job = new Thread(() -> runner.run(new Assignment("task-1", "work-1", "job", List.of(), binary, null, null, null)));
        job.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !running.pids().isEmpty() && activation.active());

        int cores = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < cores; i++) {
            hogs.add(new ProcessBuilder("sh", "-c", "while :; do :; done").start());
        }
        await("the hog makes the CpuActivator suspend the job").atMost(Duration.ofSeconds(30)).until(() -> !activation.active());
        List<Long> jobPids = List.copyOf(running.pids());
        // stopped (T); a child that ended just as its parent froze stays a zombie (Z) until the parent resumes.
        // SIGSTOP is asynchronous: a process running on the other core stops a moment after the policy flips.
        await("the job's processes stop").atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            List<Character> states = jobPids.stream().map(CpuHogTest::state).toList();
            assertThat(states).as("states of the job's processes %s", jobPids).contains('T').allMatch(s -> s == 'T' || s == 'Z');
        });
        await("a suspended job does not progress").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> server.reports.isEmpty() && job.isAlive());

        List<Process> ended = new ArrayList<>(hogs);
        hogs.forEach(Process::destroyForcibly);
        for (Process hog : ended) {
            hog.waitFor();
        }
        hogs.clear();
        await("the job resumes once the hog ended and completes").atMost(Duration.ofSeconds(60)).until(() -> !job.isAlive());

        assertThat(activation.active()).isTrue();
        assertThat(server.reports).containsExactly(new TaskReport(WorkStatus.COMPLETED, 0, null));
        assertThat(server.stdout).startsWith("step 1\n").endsWith("step 30\nfinished\n");
    }
}
