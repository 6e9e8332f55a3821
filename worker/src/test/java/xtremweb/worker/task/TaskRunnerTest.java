package xtremweb.worker.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import xtremweb.common.http.XwApiException;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.Assignment;
import xtremweb.common.wire.InputRef;
import xtremweb.common.wire.TaskReport;
import xtremweb.worker.cache.InputCache;
import xtremweb.worker.server.Backoff;
import xtremweb.worker.server.StopSignal;

@EnabledOnOs({OS.LINUX, OS.MAC})
class TaskRunnerTest {
    @TempDir
    Path temp;
    Path tmpDir;
    FakeServer server;
    TaskRunner runner;

    /** Serves inputs from memory and records what the runner sends back. */
    static class FakeServer implements TaskServer {
        final Map<String, byte[]> inputs = new HashMap<>();
        final List<TaskReport> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<String> givenBack = new java.util.concurrent.CopyOnWriteArrayList<>();
        Map<String, String> resultZip;
        int downloads;
        int reportFailuresBefore409;
        volatile int uploadFailures;
        RuntimeException uploadRefusal;
        RuntimeException downloadFailure;

        @Override
        public void downloadInput(String taskUid, String dataUid, Path target) {
            downloads++;
            if (downloadFailure != null) {
                throw downloadFailure;
            }
            try {
                Files.write(target, inputs.get(dataUid));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }

        /** Runs as a result arrives, before it is taken (a heartbeat's answer crossing the upload). */
        java.util.function.Consumer<String> onUpload = uid -> { };

        @Override
        public void uploadResult(String taskUid, Path zip, String sha256) {
            onUpload.accept(taskUid);
            if (uploadRefusal != null) {
                throw uploadRefusal;
            }
            if (uploadFailures > 0) {
                uploadFailures--;
                throw new xtremweb.common.http.XwConnectException("cannot connect to the server (test)", null);
            }
            try {
                String received = InputCache.sha256(zip);
                if (!received.equals(sha256)) {
                    // As the server answers (TaskOutcomes): the bytes are thrown away, the upload may come again.
                    throw new XwApiException(422, "checksum-mismatch", "the result received has SHA-256 " + received
                            + " but the header says " + sha256 + "; upload it again");
                }
                resultZip = new TreeMap<>();
                try (ZipFile file = new ZipFile(zip.toFile())) {
                    for (ZipEntry e : Collections.list(file.entries())) {
                        resultZip.put(e.getName(), new String(file.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }

        // Protocol 2: the upload is the report; what it was asked for and what it hands over next.
        boolean protocol2;
        final List<String> completions = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<Integer> nextAsked = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Assignment> nextWorks = List.of();

        @Override
        public Completion uploadCompleted(String taskUid, Path zip, String sha256, int exitCode, int next) {
            if (!protocol2) {
                return TaskServer.super.uploadCompleted(taskUid, zip, sha256, exitCode, next);
            }
            uploadResult(taskUid, zip, sha256);
            completions.add(taskUid + " exit " + exitCode);
            nextAsked.add(next);
            List<Assignment> handed = next > 0 ? nextWorks : List.of();
            nextWorks = List.of();
            return new Completion(true, handed);
        }

        /** What the server answers every report and every give-back with, when set (e.g. a 403). */
        RuntimeException reportRefusal;
        RuntimeException giveBackRefusal;
        final java.util.concurrent.atomic.AtomicInteger reportCalls = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger giveBackCalls = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void report(String taskUid, TaskReport report) {
            reportCalls.incrementAndGet();
            if (reportFailuresBefore409 > 0) {
                throw new XwApiException(409, "conflict", "the task is no longer assigned to this host");
            }
            if (reportRefusal != null) {
                throw reportRefusal;
            }
            reports.add(report);
        }

        @Override
        public void giveBack(String taskUid) {
            giveBackCalls.incrementAndGet();
            if (giveBackRefusal != null) {
                throw giveBackRefusal;
            }
            givenBack.add(taskUid);
        }

        InputRef add(String dataUid, String name, byte[] content) throws Exception {
            inputs.put(dataUid, content);
            return new InputRef(dataUid, name, content.length,
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        tmpDir = Files.createDirectory(temp.resolve("tmp"));
        server = new FakeServer();
        runner = new TaskRunner(server, new InputCache(temp.resolve("home/cache")), tmpDir, Duration.ofSeconds(30),
                new RunningTasks(), new StopSignal(), () -> new Backoff(Duration.ofMillis(1), Duration.ofMillis(5)),
                temp.resolve("home/pending"));
    }

    static byte[] script(String body) {
        return ("#!/bin/sh\n" + body + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void runsTheJobUploadsItsResultAndReportsCompleted() throws Exception {
        InputRef binary = server.add("bin-1", "job.sh", script(
                "cat > copy.txt; printf '[%s]' \"$@\"; echo \"$XW_TASKUID\" >&2; cat params/p.txt >> copy.txt; exit 7"));
        InputRef stdin = server.add("in-1", "stdin", "from stdin\n".getBytes(StandardCharsets.UTF_8));
        InputRef env = server.add("env-1", "env.zip", zip(Map.of("params/p.txt", "param\n", "untouched.txt", "u")));

        runner.run(new Assignment("task-1", "work-1", "job.sh", List.of("a b", "c"), binary, stdin, env, null));

        assertThat(server.reports).containsExactly(new TaskReport(WorkStatus.COMPLETED, 7, null));
        assertThat(server.resultZip).containsOnlyKeys("stdout.txt", "stderr.txt", "copy.txt")
                .containsEntry("stdout.txt", "[a b][c]")
                .containsEntry("stderr.txt", "task-1\n")
                .containsEntry("copy.txt", "from stdin\nparam\n");
        assertThat(listing(tmpDir)).as("scratch and private directories are removed").isEmpty();
    }

    @Test
    void inProtocol2TheUploadIsTheReportAndBringsTheNextWork() throws Exception {
        InputRef binary = server.add("bin-1", "job.sh", script("echo hi; exit 3"));
        server.protocol2 = true;
        Assignment following = new Assignment("task-2", "work-2", "job", List.of(), binary, null, null, null);
        server.nextWorks = List.of(following);
        runner.askForNext(() -> 1);

        List<Assignment> next = runner.run(new Assignment("task-1", "work-1", "job", List.of(), binary, null, null, null));

        assertThat(next).containsExactly(following);
        assertThat(server.completions).containsExactly("task-1 exit 3");
        assertThat(server.nextAsked).containsExactly(1);
        assertThat(server.reports).as("no second call for the report").isEmpty();
        assertThat(server.resultZip).containsEntry("stdout.txt", "hi\n");

        // A worker that may not take work (stopping, machine taken back) asks for none.
        runner.askForNext(() -> 0);
        assertThat(runner.run(following)).isEmpty();
        assertThat(server.nextAsked).containsExactly(1, 0);
        assertThat(runner.keptResults()).as("nothing left to deliver").isEmpty();
    }

    @Test
    void withAProtocol1ServerTheResultIsUploadedThenReported() throws Exception {
        InputRef binary = server.add("bin-1", "job.sh", script("exit 4"));
        runner.askForNext(() -> 1);

        List<Assignment> next = runner.run(new Assignment("task-1", "work-1", "job", List.of(), binary, null, null, null));

        assertThat(next).isEmpty();
        assertThat(server.resultZip).isNotNull();
        assertThat(server.reports).containsExactly(new TaskReport(WorkStatus.COMPLETED, 4, null));
    }

    @Test
    void aBinaryUsedByManyJobsIsDownloadedOnce() throws Exception {
        InputRef binary = server.add("bin-1", "job.sh", script("echo hi"));

        runner.run(new Assignment("task-1", "work-1", "job", List.of(), binary, null, null, null));
        runner.run(new Assignment("task-2", "work-2", "job", List.of(), binary, null, null, null));

        assertThat(server.downloads).isEqualTo(1);
        assertThat(server.reports).hasSize(2).allMatch(r -> r.status() == WorkStatus.COMPLETED);
    }

    @Test
    void aBinaryThatCannotBeExecutedIsReportedAsErrorWithTheReason() throws Exception {
        InputRef binary = server.add("bin-1", "junk", new byte[] {0, 1, 2, 3, 4, 5, 6, 7});

        runner.run(new Assignment("task-1", "work-1", "junk", List.of(), binary, null, null, null));

        assertThat(server.reports).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(WorkStatus.ERROR);
            assertThat(r.errorMessage()).startsWith("cannot execute the app binary: exec format error");
        });
        assertThat(listing(tmpDir)).isEmpty();
    }

    /** The sandbox starts the binary itself; its failing to is an ERROR with the reason, not COMPLETED with exit 1. */
    @Test
    void aBinaryTheSandboxCannotStartIsReportedAsErrorWithTheReason() throws Exception {
        java.nio.file.Path bwrap = xtremweb.worker.exec.Confinement.findBubblewrap();
        org.junit.jupiter.api.Assumptions.assumeTrue(bwrap != null, "bubblewrap is not installed (.ci/run installs it)");
        TaskRunner sandboxed = new TaskRunner(server, new InputCache(temp.resolve("home/cache")), tmpDir, Duration.ofSeconds(30),
                new RunningTasks(), new StopSignal(), () -> new Backoff(Duration.ofMillis(1), Duration.ofMillis(5)),
                temp.resolve("home/pending"), new xtremweb.worker.exec.Confinement(bwrap, false, 0, 0, List.of()));
        InputRef binary = server.add("bin-1", "job.sh", "#!/no/such/interpreter\necho hi\n".getBytes(StandardCharsets.UTF_8));

        sandboxed.run(new Assignment("task-1", "work-1", "job", List.of(), binary, null, null, null));

        assertThat(server.reports).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(WorkStatus.ERROR);
            assertThat(r.errorMessage()).isEqualTo("cannot execute the app binary: no such file or directory");
        });
        assertThat(server.resultZip).as("nothing ran, nothing uploaded").isNull();
    }

    /**
     * bwrap installed but unable to build a sandbox on this host (unprivileged user namespaces
     * switched off, say) exits 1 with one line before the job starts. That is the host's condition:
     * the work goes back to the server for another host, not COMPLETED with exit code 1 and an
     * empty output as every job this host took was.
     */
    @Test
    void aSandboxThatCannotStartOnThisHostGivesTheWorkBackInsteadOfCompletingIt() throws Throwable {
        Path brokenBwrap = temp.resolve("bwrap");
        Files.write(brokenBwrap, script("echo 'bwrap: No permissions to create a new namespace, likely because the kernel"
                + " does not allow non-privileged user namespaces.' >&2; exit 1"));
        assertThat(brokenBwrap.toFile().setExecutable(true)).isTrue();
        TaskRunner sandboxed = new TaskRunner(server, new InputCache(temp.resolve("home/cache")), tmpDir, Duration.ofSeconds(30),
                new RunningTasks(), new StopSignal(), () -> new Backoff(Duration.ofMillis(1), Duration.ofMillis(5)),
                temp.resolve("home/pending"), new xtremweb.worker.exec.Confinement(brokenBwrap, false, 0, 0, List.of()));
        InputRef binary = server.add("bin-1", "job.sh", script("echo hi"));

        List<String> log = logged(() -> sandboxed.run(new Assignment("task-1", "work-1", "job", List.of(), binary, null, null, null)));

        assertThat(server.givenBack).containsExactly("task-1");
        assertThat(server.reports).isEmpty();
        assertThat(server.resultZip).as("nothing ran, nothing uploaded").isNull();
        assertThat(log).filteredOn(line -> line.startsWith("ERROR")).singleElement().asString()
                .contains("the sandbox (bubblewrap) cannot start on this host: bwrap: No permissions to create a new namespace")
                .contains("task-1").contains("sandbox.enable");
        assertThat(listing(tmpDir)).isEmpty();
    }

    /** A job cannot buy itself a give-back (no retry counted) by printing bwrap's words: the sandbox is tried without it. */
    @Test
    void aJobThatPrintsABwrapLineAndExits1IsItsOwnCompletedEnd() throws Exception {
        java.nio.file.Path bwrap = xtremweb.worker.exec.Confinement.findBubblewrap();
        org.junit.jupiter.api.Assumptions.assumeTrue(bwrap != null, "bubblewrap is not installed (.ci/run installs it)");
        TaskRunner sandboxed = new TaskRunner(server, new InputCache(temp.resolve("home/cache")), tmpDir, Duration.ofSeconds(30),
                new RunningTasks(), new StopSignal(), () -> new Backoff(Duration.ofMillis(1), Duration.ofMillis(5)),
                temp.resolve("home/pending"), new xtremweb.worker.exec.Confinement(bwrap, false, 0, 0, List.of()));
        InputRef binary = server.add("bin-1", "job.sh", script("echo 'bwrap: Creating new namespace failed' >&2; exit 1"));

        sandboxed.run(new Assignment("task-1", "work-1", "job", List.of(), binary, null, null, null));

        assertThat(server.givenBack).isEmpty();
        assertThat(server.reports).containsExactly(new TaskReport(WorkStatus.COMPLETED, 1, null));
        assertThat(server.resultZip.get("stderr.txt")).startsWith("bwrap: Creating new namespace failed\n");
    }

    /**
     * sandbox.reuse: jobs of one owner run one after another in one kept sandbox (the second job's
     * pid there is not the first's: its namespace lived on), another owner's job never in it, and
     * each job gets its own stdin, arguments and result; nothing stays in the jobs directory but
     * the kept sandboxes, which closing removes.
     */
    @Test
    void jobsOfOneOwnerShareAKeptSandboxAndJobsOfAnotherOwnerDoNot() throws Exception {
        java.nio.file.Path bwrap = xtremweb.worker.exec.Confinement.findBubblewrap();
        org.junit.jupiter.api.Assumptions.assumeTrue(bwrap != null, "bubblewrap is not installed (.ci/run installs it)");
        TaskRunner sandboxed = new TaskRunner(server, new InputCache(temp.resolve("home/cache")), tmpDir, Duration.ofSeconds(30),
                new RunningTasks(), new StopSignal(), () -> new Backoff(Duration.ofMillis(1), Duration.ofMillis(5)),
                temp.resolve("home/pending"), new xtremweb.worker.exec.Confinement(bwrap, false, 0, 0, List.of()));
        sandboxed.reuseSandboxes(2);
        InputRef binary = server.add("bin-1", "job.sh", script("echo \"$$ $1 $(cat)\""));
        InputRef one = server.add("in-1", "stdin", "one".getBytes(StandardCharsets.UTF_8));
        InputRef two = server.add("in-2", "stdin", "two".getBytes(StandardCharsets.UTF_8));
        List<String> outputs = new ArrayList<>();
        String[][] jobs = {{"task-1", "owner-a", "in-1"}, {"task-2", "owner-a", "in-2"}, {"task-3", "owner-b", "in-1"}};
        for (String[] job : jobs) {
            sandboxed.run(new Assignment(job[0], "work-" + job[0], "job", List.of("arg of " + job[0]), binary,
                    job[2].equals("in-1") ? one : two, null, null, job[1]));
            outputs.add(server.resultZip.get("stdout.txt").trim());
        }

        assertThat(server.reports).containsExactly(new TaskReport(WorkStatus.COMPLETED, 0, null),
                new TaskReport(WorkStatus.COMPLETED, 0, null), new TaskReport(WorkStatus.COMPLETED, 0, null));
        List<Integer> pids = outputs.stream().map(o -> Integer.parseInt(o.substring(0, o.indexOf(' ')))).toList();
        assertThat(outputs.stream().map(o -> o.substring(o.indexOf(' ') + 1)))
                .containsExactly("arg of task-1 one", "arg of task-2 two", "arg of task-3 one");
        assertThat(pids.get(1)).as("owner-a's second job in the first one's sandbox").isGreaterThan(pids.get(0));
        assertThat(pids.get(2)).as("owner-b's job in a sandbox of its own").isEqualTo(pids.get(0));
        assertThat(listing(tmpDir)).extracting(p -> p.getFileName().toString()).allMatch(n -> n.startsWith("xwsandbox-")).hasSize(2);
        sandboxed.closeSandboxes();
        assertThat(listing(tmpDir)).isEmpty();
    }

    /**
     * Seen in FaultToleranceEndToEndTest: the server's answer to a heartbeat sent while a job ran
     * cancels that task just after the job ended (its result was already taken); the cancel killed
     * "its process", the kept sandbox, which was already running the next job: COMPLETED, exit 137.
     */
    @Test
    void aCancelArrivingAfterItsJobEndedDoesNotKillTheNextJobInTheKeptSandbox() throws Exception {
        java.nio.file.Path bwrap = xtremweb.worker.exec.Confinement.findBubblewrap();
        org.junit.jupiter.api.Assumptions.assumeTrue(bwrap != null, "bubblewrap is not installed (.ci/run installs it)");
        RunningTasks running = new RunningTasks();
        TaskRunner sandboxed = new TaskRunner(server, new InputCache(temp.resolve("home/cache")), tmpDir, Duration.ofSeconds(30),
                running, new StopSignal(), () -> new Backoff(Duration.ofMillis(1), Duration.ofMillis(5)),
                temp.resolve("home/pending"), new xtremweb.worker.exec.Confinement(bwrap, false, 0, 0, List.of()));
        sandboxed.reuseSandboxes(1);
        InputRef binary = server.add("bin-1", "job.sh", script("echo \"$$ $1\""));
        List<String> outputs = new ArrayList<>();
        server.onUpload = uid -> running.cancel(uid);

        for (String task : List.of("task-1", "task-2")) {
            sandboxed.run(new Assignment(task, "work-" + task, "job", List.of("arg of " + task), binary, null, null, null, "owner-a"));
            outputs.add(server.resultZip.get("stdout.txt").trim());
        }

        assertThat(outputs.get(1)).endsWith(" arg of task-2");
        assertThat(Integer.parseInt(outputs.get(1).substring(0, outputs.get(1).indexOf(' '))))
                .as("task-2 ran in the sandbox task-1's cancel left alone")
                .isGreaterThan(Integer.parseInt(outputs.get(0).substring(0, outputs.get(0).indexOf(' '))));
        sandboxed.closeSandboxes();
    }

    /** Issue 18: a server that cannot give an input must not cost the host a failure (benching) nor the work a retry. */
    @Test
    void anInputTheServerCannotGiveIsGivenBackNotReportedAsError() throws Exception {
        InputRef binary = server.add("bin-1", "job.sh", script("echo hi"));
        server.downloadFailure = new XwApiException(503, "data-missing", "this server should hold the bytes (test)");

        runner.run(new Assignment("task-1", "work-1", "job", List.of(), binary, null, null, null));
        server.downloadFailure = new XwApiException(421, "data-elsewhere", "held by another server that is gone (test)");
        runner.run(new Assignment("task-2", "work-2", "job", List.of(), binary, null, null, null));
        server.downloadFailure = new xtremweb.common.http.XwConnectException("cannot connect to the server (test)", null);
        runner.run(new Assignment("task-3", "work-3", "job", List.of(), binary, null, null, null));

        assertThat(server.reports).as("no ERROR report: the failure is the server's").isEmpty();
        assertThat(server.givenBack).containsExactly("task-1", "task-2", "task-3");
        assertThat(listing(tmpDir)).isEmpty();
    }

    @Test
    void anInputTheServerRefusesForTheWorkIsStillAnError() throws Exception {
        InputRef binary = server.add("bin-1", "job.sh", script("echo hi"));
        server.downloadFailure = new XwApiException(404, "data-not-found", "input bin-1 of task task-1 has no content");

        runner.run(new Assignment("task-1", "work-1", "job", List.of(), binary, null, null, null));

        assertThat(server.givenBack).isEmpty();
        assertThat(server.reports).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(WorkStatus.ERROR));
    }

    @Test
    void anInputOnTheVolunteersNetworkIsAnErrorNamingTheRuleNotWhatAnswered() throws Exception {
        InputRef binary = server.add("bin-1", "job.sh", script("cat"));
        InputRef metadata = new InputRef("in-1", "stdin", 5, "0".repeat(64), "http://169.254.169.254/latest/meta-data/");

        runner.run(new Assignment("task-1", "work-1", "job", List.of(), binary, metadata, null, null));

        assertThat(server.reports).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(WorkStatus.ERROR);
            assertThat(r.errorMessage()).contains("169.254.169.254, a link-local address")
                    .contains("data.privateaddresses: true").doesNotContain("HTTP");
        });
    }

    @Test
    void aMissingBinaryIsReportedAsErrorWithTheReason() throws Exception {
        InputRef binary = server.add("bin-1", "empty", new byte[0]);

        runner.run(new Assignment("task-1", "work-1", "empty", List.of(), binary, null, null, null));

        assertThat(server.reports).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(WorkStatus.ERROR);
            assertThat(r.errorMessage()).startsWith("cannot execute the app binary:");
        });
    }

    @Test
    void anEnvArchiveThatClimbsOutIsReportedAsErrorAndNothingRuns() throws Exception {
        InputRef binary = server.add("bin-1", "job.sh", script("touch ran"));
        InputRef env = server.add("env-1", "env.zip", zip(Map.of("../../escaped.txt", "x")));

        runner.run(new Assignment("task-1", "work-1", "job", List.of(), binary, null, env, null));

        assertThat(server.reports).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(WorkStatus.ERROR);
            assertThat(r.errorMessage()).startsWith("cannot unpack the env archive").contains("outside its directory");
        });
        assertThat(server.resultZip).isNull();
        assertThat(temp.resolve("escaped.txt")).doesNotExist();
    }

    @Test
    void anInputWhoseChecksumDiffersIsReportedAsError() throws Exception {
        InputRef binary = server.add("bin-1", "job.sh", script("echo hi"));
        server.inputs.put("bin-1", script("echo tampered"));

        runner.run(new Assignment("task-1", "work-1", "job", List.of(), binary, null, null, null));

        assertThat(server.reports).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(WorkStatus.ERROR);
            assertThat(r.errorMessage()).contains("cannot download input 'job.sh'");
        });
    }

    @Test
    void aJobKilledUnderTheWorkersFeetIsGivenBackWhenThatIsAnInterruptionAndReportedOtherwise() throws Exception {
        // The batch system signals a cancelled pilot's jobs at the same moment as the pilot: not a result.
        InputRef binary = server.add("bin-1", "job.sh", script("kill -TERM $$"));
        runner.giveBackInterrupted(exit -> exit.exitCode() == 143);
        runner.run(new Assignment("task-1", "work-1", "job", List.of(), binary, null, null, null));
        assertThat(server.givenBack).containsExactly("task-1");
        assertThat(server.reports).isEmpty();

        // A worker that does not say so reports the job's end as it is, signal included.
        server = new FakeServer();
        runner = new TaskRunner(server, new InputCache(temp.resolve("home/cache2")), tmpDir, Duration.ofSeconds(30),
                new RunningTasks(), new StopSignal(), () -> new Backoff(Duration.ofMillis(1), Duration.ofMillis(5)),
                temp.resolve("home/pending2"));
        binary = server.add("bin-1", "job.sh", script("kill -TERM $$"));
        runner.run(new Assignment("task-2", "work-2", "job", List.of(), binary, null, null, null));
        assertThat(server.givenBack).isEmpty();
        assertThat(server.reports).containsExactly(new TaskReport(WorkStatus.COMPLETED, 143, null));
    }

    @Test
    void aJobOverTheWallClockLimitIsKilledAndReportedAsError() throws Exception {
        runner = new TaskRunner(server, new InputCache(temp.resolve("home/cache")), tmpDir, Duration.ofSeconds(1),
                new RunningTasks(), new StopSignal(), () -> new Backoff(Duration.ofMillis(1), Duration.ofMillis(5)),
                temp.resolve("home/pending"));
        InputRef binary = server.add("bin-1", "job.sh", script("sleep 60"));

        runner.run(new Assignment("task-1", "work-1", "job", List.of(), binary, null, null, null));

        assertThat(server.reports).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(WorkStatus.ERROR);
            assertThat(r.errorMessage()).contains("exceeded the wall-clock limit of 1 s");
        });
    }

    @Test
    void aResultTheServerCouldNotTakeIsKeptAndDeliveredWhenTheWorkerStartsAgain() throws Exception {
        InputRef binary = server.add("bin-1", "job.sh", script("echo kept > kept.txt"));
        server.uploadFailures = 100;

        runner.run(new Assignment("task-1", "work-1", "job", List.of(), binary, null, null, null));

        assertThat(server.reports).isEmpty();
        assertThat(listing(temp.resolve("home/pending"))).extracting(p -> p.getFileName().toString())
                .singleElement().asString().startsWith("task-1#0#").endsWith(".zip");

        server.uploadFailures = 0;
        TaskRunner restarted = new TaskRunner(server, new InputCache(temp.resolve("home/cache")), tmpDir, Duration.ofSeconds(30),
                new RunningTasks(), new StopSignal(), () -> new Backoff(Duration.ofMillis(1), Duration.ofMillis(5)),
                temp.resolve("home/pending"));
        restarted.deliverKeptResults();

        assertThat(server.resultZip).containsEntry("kept.txt", "kept\n");
        assertThat(server.reports).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(WorkStatus.COMPLETED));
        assertThat(listing(temp.resolve("home/pending"))).isEmpty();
    }

    /**
     * A kept result cut short on the worker's disk (a power cut before it reached the disk, a disk
     * error): the server refuses its bytes every time, since they are not those its name declares.
     * It is given back, so the work runs again, instead of being uploaded again and again forever
     * while the heartbeats keep its task alive.
     */
    @Test
    void aKeptResultDamagedOnTheWorkersDiskIsGivenBackNotUploadedForever() throws Exception {
        InputRef binary = server.add("bin-1", "job.sh", script("head -c 100000 /dev/zero > big.out"));
        server.uploadFailures = 100;
        runner.run(new Assignment("task-1", "work-1", "job", List.of(), binary, null, null, null));
        Path kept = listing(temp.resolve("home/pending")).getFirst();
        try (java.nio.channels.FileChannel zip = java.nio.channels.FileChannel.open(kept, java.nio.file.StandardOpenOption.WRITE)) {
            zip.truncate(zip.size() / 2);
        }

        server.uploadFailures = 0;
        TaskRunner restarted = new TaskRunner(server, new InputCache(temp.resolve("home/cache")), tmpDir, Duration.ofSeconds(30),
                new RunningTasks(), new StopSignal(), () -> new Backoff(Duration.ofMillis(1), Duration.ofMillis(5)),
                temp.resolve("home/pending"));
        restarted.deliverKeptResults();

        assertThat(server.givenBack).as("the work runs again").containsExactly("task-1");
        assertThat(server.reports).isEmpty();
        assertThat(listing(temp.resolve("home/pending"))).isEmpty();
        assertThat(restarted.keptResults()).isEmpty();
    }

    /** A result garbled on its way is still sent again: the copy kept on disk is intact. */
    @Test
    void aResultTheServerReceivedGarbledIsUploadedAgain() throws Exception {
        InputRef binary = server.add("bin-1", "job.sh", script("echo kept > kept.txt"));
        server.uploadRefusal = new XwApiException(422, "checksum-mismatch", "the result received has SHA-256 00 but"
                + " the header says 11; upload it again");
        java.util.concurrent.atomic.AtomicInteger uploads = new java.util.concurrent.atomic.AtomicInteger();
        server.onUpload = uid -> {
            if (uploads.incrementAndGet() > 1) {
                server.uploadRefusal = null;
            }
        };

        runner.run(new Assignment("task-1", "work-1", "job", List.of(), binary, null, null, null));

        assertThat(server.resultZip).containsEntry("kept.txt", "kept\n");
        assertThat(server.reports).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(WorkStatus.COMPLETED));
        assertThat(server.givenBack).isEmpty();
        assertThat(uploads).hasValue(2);
    }

    /** A runner whose kept results are delivered by its own thread, as in a running worker. */
    private record Delivering(TaskRunner runner, RunningTasks running, StopSignal stop, Thread thread) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            stop.stop();
            thread.join(10_000);
        }
    }

    private Delivering delivering() throws IOException {
        RunningTasks running = new RunningTasks();
        StopSignal stop = new StopSignal();
        TaskRunner delivering = new TaskRunner(server, new InputCache(temp.resolve("home/cache")), tmpDir, Duration.ofSeconds(30),
                running, stop, () -> new Backoff(Duration.ofMillis(1), Duration.ofMillis(5)), temp.resolve("home/pending"));
        Thread thread = new Thread(delivering::deliverKeptResultsUntilStopped, "test-kept-results");
        thread.start();
        return new Delivering(delivering, running, stop, thread);
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /**
     * The server was away longer than the slot's attempts (an upgrade, a network cut): the result
     * is delivered once it answers again, without a restart of the worker, and its task is named
     * in the heartbeats meanwhile so that its lease is kept.
     */
    @Test
    void aResultTheServerCouldNotTakeIsDeliveredOnceItAnswersAgain() throws Exception {
        InputRef binary = server.add("bin-1", "job.sh", script("echo kept > kept.txt"));
        server.uploadFailures = Integer.MAX_VALUE;
        try (Delivering worker = delivering()) {
            worker.runner().run(new Assignment("task-1", "work-1", "job", List.of(), binary, null, null, null));

            assertThat(server.reports).isEmpty();
            assertThat(worker.running().taskUids()).as("named in the heartbeats while it waits").containsExactly("task-1");
            server.uploadFailures = 0;

            await("the kept result delivered", () -> !server.reports.isEmpty());
            assertThat(server.resultZip).containsEntry("kept.txt", "kept\n");
            assertThat(server.reports).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(WorkStatus.COMPLETED));
            await("the task no longer running", () -> worker.running().taskUids().isEmpty());
            assertThat(listing(temp.resolve("home/pending"))).isEmpty();
        }
    }

    @Test
    void aKeptResultIsDroppedWhenTheServerCancelsItsTaskButNotWhenTheWorkerStops() throws Exception {
        InputRef binary = server.add("bin-1", "job.sh", script("echo kept > kept.txt"));
        server.uploadFailures = Integer.MAX_VALUE;
        try (Delivering worker = delivering()) {
            worker.runner().run(new Assignment("task-1", "work-1", "job", List.of(), binary, null, null, null));
            worker.runner().run(new Assignment("task-2", "work-2", "job", List.of(), binary, null, null, null));
            assertThat(worker.running().taskUids()).containsExactlyInAnyOrder("task-1", "task-2");

            worker.running().cancel("task-1");

            await("the cancelled task's result dropped", () -> !keeps(temp.resolve("home/pending"), "task-1"));
            await("the cancelled task forgotten", () -> worker.running().taskUids().equals(List.of("task-2")));
            worker.stop().stop();
            worker.running().cancelAll();
            worker.thread().join(10_000);
        }
        assertThat(server.reports).isEmpty();
        assertThat(listing(temp.resolve("home/pending"))).extracting(p -> p.getFileName().toString())
                .as("kept for the next start").singleElement().asString().startsWith("task-2#0#").endsWith(".zip");
    }

    @Test
    void aKeptResultOfTheHostUidBeforeARestartThatTheServerRefusesIsDroppedNotRetried() throws Exception {
        InputRef binary = server.add("bin-1", "job.sh", script("echo kept > kept.txt"));
        server.uploadFailures = 100;
        runner.run(new Assignment("task-1", "work-1", "job", List.of(), binary, null, null, null));
        assertThat(listing(temp.resolve("home/pending"))).isNotEmpty();

        // Restarted without proof of its host (a lost token, an older worker's files): the server gave a
        // new host UID and refuses the old host's task.
        server.uploadRefusal = new XwApiException(403, "forbidden", "task task-1 is not assigned to host host-2");
        TaskRunner restarted = new TaskRunner(server, new InputCache(temp.resolve("home/cache")), tmpDir, Duration.ofSeconds(30),
                new RunningTasks(), new StopSignal(), () -> new Backoff(Duration.ofMillis(1), Duration.ofMillis(5)),
                temp.resolve("home/pending"));
        restarted.deliverKeptResults();

        assertThat(server.reports).isEmpty();
        assertThat(listing(temp.resolve("home/pending"))).isEmpty();
        assertThat(restarted.keptResults()).isEmpty();
    }

    /** Its work was deleted: no later attempt can succeed, the result is not kept to be tried again and again. */
    @Test
    void aResultWhoseTaskNoLongerExistsIsDroppedAtOnce() throws Exception {
        InputRef binary = server.add("bin-1", "job.sh", script("echo gone > gone.txt"));
        server.uploadRefusal = new XwApiException(404, "task-not-found", "no task task-1");
        java.util.concurrent.atomic.AtomicInteger uploads = new java.util.concurrent.atomic.AtomicInteger();
        server.onUpload = uid -> uploads.incrementAndGet();

        runner.run(new Assignment("task-1", "work-1", "job", List.of(), binary, null, null, null));

        assertThat(uploads).hasValue(1);
        assertThat(listing(temp.resolve("home/pending"))).isEmpty();
        assertThat(runner.keptResults()).isEmpty();
    }

    @Test
    void aConflictOnTheReportDropsTheTask() throws Exception {
        InputRef binary = server.add("bin-1", "job.sh", script("echo hi"));
        server.reportFailuresBefore409 = 1;

        runner.run(new Assignment("task-1", "work-1", "job", List.of(), binary, null, null, null));

        assertThat(server.reportCalls).as("not retried").hasValue(1);
        assertThat(server.reports).isEmpty();
        assertThat(listing(tmpDir)).isEmpty();
    }

    /** As the server answers a task that belongs to another host (API.md: status, giveback, result, inputs). */
    private static XwApiException notThisHosts() {
        return new XwApiException(403, "forbidden", "task task-1 is not assigned to host host-2");
    }

    @Test
    void aForbiddenCompletedReportDropsTheTaskAtOnceWithoutRetrying() throws Throwable {
        InputRef binary = server.add("bin-1", "job.sh", script("echo hi"));
        server.reportRefusal = notThisHosts();

        List<String> log = logged(() -> runner.run(new Assignment("task-1", "work-1", "job", List.of(), binary, null, null, null)));

        assertThat(server.reportCalls).as("asked once: asking again gets the same answer").hasValue(1);
        assertThat(server.reports).isEmpty();
        assertThat(server.giveBackCalls).hasValue(0);
        assertThat(runner.keptResults()).as("not kept for a later delivery").isEmpty();
        assertThat(listing(temp.resolve("home/pending"))).isEmpty();
        assertThat(listing(tmpDir)).isEmpty();
        assertThat(log).noneMatch(line -> line.contains("retrying"));
    }

    @Test
    void aForbiddenErrorReportIsDroppedWithoutRetrying() throws Throwable {
        InputRef binary = server.add("bin-1", "junk", new byte[] {0, 1, 2, 3, 4, 5, 6, 7});
        server.reportRefusal = notThisHosts();

        List<String> log = logged(() -> runner.run(new Assignment("task-1", "work-1", "junk", List.of(), binary, null, null, null)));

        assertThat(server.reportCalls).hasValue(1);
        assertThat(server.reports).isEmpty();
        assertThat(log).noneMatch(line -> line.contains("retrying"))
                .anyMatch(line -> line.startsWith("WARN task task-1: ERROR report dropped: the server refused to report the status"
                        + " (HTTP 403 forbidden)"));
        assertThat(listing(tmpDir)).isEmpty();
    }

    @Test
    void aForbiddenGiveBackDropsTheTaskWithoutRetrying() throws Throwable {
        // The job is killed under the worker's feet, as a cancelled pilot's: the task is given back.
        InputRef binary = server.add("bin-1", "job.sh", script("kill -TERM $$"));
        runner.giveBackInterrupted(exit -> exit.exitCode() == 143);
        server.giveBackRefusal = notThisHosts();

        List<String> log = logged(() -> runner.run(new Assignment("task-1", "work-1", "job", List.of(), binary, null, null, null)));

        assertThat(server.giveBackCalls).as("asked once: asking again gets the same answer").hasValue(1);
        assertThat(server.givenBack).isEmpty();
        assertThat(server.reportCalls).as("nor reported instead").hasValue(0);
        assertThat(runner.keptResults()).isEmpty();
        assertThat(log).noneMatch(line -> line.contains("retrying"))
                .anyMatch(line -> line.startsWith("WARN task task-1: give-back dropped: the server refused to give the work back"
                        + " (HTTP 403 forbidden)"));
        assertThat(listing(tmpDir)).isEmpty();
    }

    /** What the runner logs while {@code body} runs: "LEVEL message", with "(stack trace)" when one was logged. */
    private static List<String> logged(org.junit.jupiter.api.function.Executable body) throws Throwable {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(TaskRunner.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            body.execute();
        } finally {
            logger.detachAppender(appender);
        }
        return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()
                + (e.getThrowableProxy() != null ? " (stack trace)" : "")).toList();
    }

    /** The JDK's words for ENOSPC. */
    private static IOException noSpace() {
        return new IOException("No space left on device");
    }

    /**
     * A full disk is this host's trouble, not the job's: the task goes back to the server (no ERROR,
     * no lease left to expire and count against the host), said in one line naming where.
     */
    @Test
    void aDiskFullWhileDownloadingAnInputGivesTheTaskBackInOneLineWithoutAStackTrace() throws Throwable {
        InputRef binary = server.add("bin-1", "job.sh", script("echo hi"));
        // As XwHttpClient.download reports a write that failed: the connection "broke off", caused by ENOSPC.
        server.downloadFailure = new xtremweb.common.http.XwConnectException(
                "download of /api/v1/worker/tasks/task-1/inputs/bin-1 broke off: No space left on device", noSpace());

        List<String> log = logged(() -> runner.run(new Assignment("task-1", "work-1", "job", List.of(), binary, null, null, null)));

        assertThat(server.givenBack).containsExactly("task-1");
        assertThat(server.reports).isEmpty();
        assertThat(server.downloads).as("a full disk is not worth trying again at once").isEqualTo(1);
        assertThat(log).noneMatch(line -> line.contains("(stack trace)"));
        assertThat(log).filteredOn(line -> line.contains("disk full")).singleElement().asString()
                .startsWith("WARN disk full in " + temp.resolve("home/cache") + ": No space left on device;").contains("task-1");
        assertThat(listing(tmpDir)).isEmpty();
    }

    /**
     * A disk that stays full: each give-back is followed by a longer pause of the slot (up to the
     * cap), not the first step every time; a job that ends well brings the pause back to its first step.
     */
    @Test
    void theSlotsPauseAfterAFullDiskGrowsWhileTheDiskStaysFull() throws Throwable {
        // The steps of the pauses taken (each delay is drawn below its step: the draw tells the step).
        List<Duration> pauses = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.Random draws = new java.util.Random() {
            @Override
            public long nextLong(long bound) {
                pauses.add(Duration.ofNanos((bound - 1) * 2));
                return 0;
            }
        };
        TaskRunner slot = new TaskRunner(server, new InputCache(temp.resolve("home/cache")), tmpDir, Duration.ofSeconds(30),
                new RunningTasks(), new StopSignal(), () -> new Backoff(Duration.ofMillis(1), Duration.ofMillis(30), draws),
                temp.resolve("home/pending"));
        InputRef binary = server.add("bin-1", "job.sh", script("echo hi"));
        server.downloadFailure = new xtremweb.common.http.XwConnectException(
                "download of /api/v1/worker/tasks/task-1/inputs/bin-1 broke off: No space left on device", noSpace());

        for (int i = 1; i <= 4; i++) {
            slot.run(new Assignment("task-" + i, "work-1", "job", List.of(), binary, null, null, null));
        }
        server.downloadFailure = null;
        slot.run(new Assignment("task-5", "work-1", "job", List.of(), binary, null, null, null));
        // The disk full again, for a binary not in the cache yet.
        InputRef other = server.add("bin-2", "job.sh", script("echo other"));
        server.downloadFailure = new xtremweb.common.http.XwConnectException(
                "download of /api/v1/worker/tasks/task-6/inputs/bin-2 broke off: No space left on device", noSpace());
        slot.run(new Assignment("task-6", "work-2", "job", List.of(), other, null, null, null));

        assertThat(server.givenBack).containsExactly("task-1", "task-2", "task-3", "task-4", "task-6");
        assertThat(pauses).containsExactly(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(4),
                Duration.ofMillis(8), Duration.ofMillis(1));
    }

    @Test
    void aDiskFullWhileWritingTheScratchOrZippingTheResultGivesTheTaskBack() throws Throwable {
        InputRef binary = server.add("bin-1", "job.sh", script("echo hi"));
        InputRef env = server.add("env-1", "env.zip", zip(Map.of("params/p.txt", "param\n")));
        TaskRunner.ScratchWriter disk = TaskRunner.ScratchWriter.LOCAL;
        runner.writeScratchWith(new TaskRunner.ScratchWriter() {
            @Override
            public void unpack(Path archive, Path scratch) throws IOException {
                throw noSpace();
            }

            @Override
            public xtremweb.worker.exec.ResultZip.Written zip(Path scratch, xtremweb.worker.exec.ScratchSnapshot before,
                                                              Path target) throws IOException {
                return disk.zip(scratch, before, target);
            }
        });
        List<String> unpacking = logged(() -> runner.run(new Assignment("task-1", "work-1", "job", List.of(), binary, null, env, null)));
        runner.writeScratchWith(new TaskRunner.ScratchWriter() {
            @Override
            public void unpack(Path archive, Path scratch) throws IOException {
                disk.unpack(archive, scratch);
            }

            @Override
            public xtremweb.worker.exec.ResultZip.Written zip(Path scratch, xtremweb.worker.exec.ScratchSnapshot before,
                                                              Path target) throws IOException {
                Files.writeString(target, "half a zip");
                throw noSpace();
            }
        });
        List<String> zipping = logged(() -> runner.run(new Assignment("task-2", "work-2", "job", List.of(), binary, null, null, null)));

        assertThat(server.givenBack).containsExactly("task-1", "task-2");
        assertThat(server.reports).as("not the job's fault: no ERROR, no result").isEmpty();
        assertThat(server.resultZip).isNull();
        for (List<String> log : List.of(unpacking, zipping)) {
            assertThat(log).noneMatch(line -> line.contains("(stack trace)"));
            assertThat(log).filteredOn(line -> line.contains("disk full")).singleElement().asString()
                    .contains("No space left on device");
        }
        assertThat(unpacking).filteredOn(line -> line.contains("disk full")).singleElement().asString()
                .startsWith("WARN disk full in " + tmpDir + "/xwjob-task-1-");
        assertThat(zipping).filteredOn(line -> line.contains("disk full")).singleElement().asString()
                .startsWith("WARN disk full in " + temp.resolve("home/pending") + ":");
        assertThat(listing(tmpDir)).isEmpty();
        assertThat(listing(temp.resolve("home/pending"))).as("no half-written zip left").isEmpty();
        assertThat(runner.keptResults()).isEmpty();
    }

    @Test
    void aJobThatFilledTheDiskItselfEndsInErrorInsteadOfGoingRoundTheHosts() throws Throwable {
        InputRef binary = server.add("bin-1", "job.sh", script("head -c 600000 /dev/zero > big.dat"));
        runner.measureFreeSpaceWith(dir -> 1_000_000);
        runner.writeScratchWith(new TaskRunner.ScratchWriter() {
            @Override
            public void unpack(Path archive, Path scratch) throws IOException {
                TaskRunner.ScratchWriter.LOCAL.unpack(archive, scratch);
            }

            @Override
            public xtremweb.worker.exec.ResultZip.Written zip(Path scratch, xtremweb.worker.exec.ScratchSnapshot before,
                                                              Path target) throws IOException {
                throw noSpace();
            }
        });

        runner.run(new Assignment("task-1", "work-1", "job", List.of(), binary, null, null, null));

        assertThat(server.givenBack).as("not given back to fill the next host's disk").isEmpty();
        assertThat(server.reports).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(WorkStatus.ERROR);
            assertThat(r.errorMessage()).startsWith("the job filled this host's disk: its directory holds 0.6 MiB of the 1.0 MiB free");
        });
        assertThat(listing(tmpDir)).isEmpty();
    }

    private static byte[] zip(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Whether the pending directory holds a result of {@code taskUid} ({@code <task>#<exit>#<sha>.zip}). */
    private static boolean keeps(Path pendingDir, String taskUid) {
        try {
            return listing(pendingDir).stream().anyMatch(p -> p.getFileName().toString().startsWith(taskUid + "#"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
