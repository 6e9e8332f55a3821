package xtremweb.worker.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sandbox kept between the jobs of one owner, against the real bubblewrap: jobs one after another
 * in one sandbox get exactly their own words, environment and stdin, and nothing a job leaves
 * behind (a process, a file in /tmp) reaches the next one: such a sandbox is dropped.
 */
@EnabledOnOs(OS.LINUX)
class WarmSandboxTest {
    @TempDir
    Path temp;
    private Confinement confinement;
    private WarmSandboxes pool;
    private final List<WarmSandboxes.Lease> leases = new ArrayList<>();
    private int jobs;

    @BeforeEach
    void setUp() {
        Path bwrap = Confinement.findBubblewrap();
        assumeTrue(bwrap != null, "bubblewrap is not installed (apt-get install bubblewrap, as .ci/run does)");
        confinement = new Confinement(bwrap, false, 0, 0, List.of());
        pool = new WarmSandboxes(confinement, temp.resolve("jobs"), 4, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        if (pool != null) {
            leases.forEach(WarmSandboxes.Lease::close);
            pool.close();
        }
    }

    /** A job of the sandbox: the script as its binary, its scratch and stdin where the worker puts them. */
    private JobSpec job(WarmSandbox sandbox, String script, List<String> args, String stdin, Duration timeout) throws IOException {
        jobs++;
        Path bin = Directories.createPrivate(sandbox.binRoot(), "xwbin-" + jobs + "-");
        Path binary = bin.resolve("job");
        Files.writeString(binary, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwx------"));
        Path in = Files.writeString(bin.resolve("stdin"), stdin);
        Path scratch = Directories.createPrivate(sandbox.scratchRoot(), "xwjob-" + jobs + "-");
        return new JobSpec(binary, args, scratch, in, Map.of("XW_TASKUID", "t-" + jobs), timeout);
    }

    private JobSpec job(WarmSandbox sandbox, String script) throws IOException {
        return job(sandbox, script, List.of(), "", Duration.ofSeconds(30));
    }

    private WarmSandbox take(String owner) throws IOException {
        WarmSandboxes.Lease lease = pool.take(owner);
        leases.add(lease);
        return lease.sandbox();
    }

    private void giveBack(WarmSandbox sandbox) {
        WarmSandboxes.Lease lease = leases.stream().filter(l -> l.sandbox() == sandbox).findFirst().orElseThrow();
        leases.remove(lease);
        lease.close();
    }

    private static String stdout(JobSpec spec) throws IOException {
        return Files.readString(spec.scratch().resolve(ResultZip.STDOUT));
    }

    @Test
    void jobsOneAfterAnotherGetTheirOwnWordsEnvironmentAndStdinInOneSandbox() throws Exception {
        WarmSandbox sandbox = take("owner-a");
        AtomicReference<Process> first = new AtomicReference<>();
        // Words a shell would expand or split must reach the job exactly as submitted.
        List<String> words = List.of("a b", "it's", "$(touch pwned)", "`id`", "*", "\"q\"", "-n", "", "x;y", "é");
        JobSpec one = job(sandbox, "for a in \"$@\"; do printf '[%s]\\n' \"$a\"; done; cat; env | sort", words, "from stdin\n",
                Duration.ofSeconds(30));
        assertThat(sandbox.run(one, first::set).exitCode()).isZero();

        String out = stdout(one);
        StringBuilder expected = new StringBuilder();
        words.forEach(w -> expected.append('[').append(w).append("]\n"));
        assertThat(out).startsWith(expected + "from stdin\n");
        List<String> env = out.substring(expected.length() + "from stdin\n".length()).lines()
                .map(l -> l.substring(0, l.indexOf('='))).filter(n -> !n.equals("PWD") && !n.equals("SHLVL")).toList();
        assertThat(env).containsExactly("HOME", "LANG", "PATH", "TMPDIR", "XW_DIR", "XW_TASKUID");
        assertThat(out).contains("XW_TASKUID=t-1\n").contains("HOME=" + sandbox.inside(one.scratch()) + "\n");
        assertThat(one.scratch().resolve("pwned")).doesNotExist();

        JobSpec two = job(sandbox, "pwd; exit 3");
        AtomicReference<Process> second = new AtomicReference<>();
        JobExit exit = sandbox.run(two, second::set);
        assertThat(exit.exitCode()).isEqualTo(3);
        assertThat(stdout(two)).isEqualTo(sandbox.inside(two.scratch()) + "\n");
        assertThat(second.get()).as("the same sandbox ran both").isSameAs(first.get());
        assertThat(Files.readString(two.scratch().resolve(ResultZip.STDERR))).contains(Confinement.STDERR_NOTE);
        assertThat(sandbox.usable()).isTrue();
    }

    @Test
    void aJobThatLeavesAProcessRunningEndsItsSandbox() throws Exception {
        WarmSandbox sandbox = take("owner-a");
        JobSpec spec = job(sandbox, "sleep 600 & echo started");
        AtomicReference<Process> process = new AtomicReference<>();

        assertThat(sandbox.run(spec, process::set).exitCode()).isZero();

        assertThat(sandbox.usable()).isFalse();
        giveBack(sandbox);
        assertThat(process.get().isAlive()).as("the sandbox, and the sleep with it, is gone").isFalse();
        WarmSandbox next = take("owner-a");
        assertThat(next).isNotSameAs(sandbox);
        assertThat(next.run(job(next, "echo fresh"), p -> { }).exitCode()).isZero();
    }

    @Test
    void aJobThatLeavesAFileInTmpOrDevShmEndsItsSandbox() throws Exception {
        for (String leftover : List.of("/tmp/note", "/tmp/.hidden", "/dev/shm/segment")) {
            // (/, /dev and the rest are read-only: WarmSandboxConfinementTest)
            WarmSandbox sandbox = take("owner-a");
            assertThat(sandbox.run(job(sandbox, "echo secret > " + leftover), p -> { }).exitCode()).as(leftover).isZero();
            assertThat(sandbox.usable()).as(leftover).isFalse();
            giveBack(sandbox);
        }
        WarmSandbox clean = take("owner-a");
        assertThat(clean.run(job(clean, "ls -A /tmp /dev/shm"), p -> { }).exitCode()).isZero();
        assertThat(clean.usable()).isTrue();
    }

    @Test
    void theSandboxsOwnFileSystemIsReadOnlyButForTmpAndDevShm() throws Exception {
        WarmSandbox sandbox = take("owner-a");
        JobSpec spec = job(sandbox, "for f in /left /dev/left /xw/left /xw/bin/left; do"
                + " if touch $f 2>/dev/null; then echo \"wrote $f\"; fi; done; echo done");

        assertThat(sandbox.run(spec, p -> { }).exitCode()).isZero();

        assertThat(stdout(spec)).isEqualTo("done\n");
        assertThat(sandbox.usable()).isTrue();
    }

    @Test
    void aJobThatWritesBesideItsScratchDirectoryEndsItsSandbox() throws Exception {
        WarmSandbox sandbox = take("owner-a");
        JobSpec spec = job(sandbox, "echo secret > ../beside");
        assertThat(sandbox.run(spec, p -> { }).exitCode()).isZero();
        // the worker removes the job's own directories, as TaskRunner does
        Directories.deleteRecursively(spec.scratch());
        Directories.deleteRecursively(spec.binary().getParent());

        giveBack(sandbox);

        assertThat(sandbox.usable()).isFalse();
        assertThat(take("owner-a")).isNotSameAs(sandbox);
    }

    @Test
    void aJobThatKillsEveryProcessItSeesEndsAsKilledAndItsSandboxWithIt() throws Exception {
        WarmSandbox sandbox = take("owner-a");

        JobExit exit = sandbox.run(job(sandbox, "kill -9 -1; sleep 5"), p -> { });

        assertThat(exit.timedOut()).isFalse();
        assertThat(exit.exitCode()).isNotZero();
        assertThat(sandbox.usable()).isFalse();
    }

    @Test
    void aJobOverItsTimeLimitIsKilledWithItsSandbox() throws Exception {
        WarmSandbox sandbox = take("owner-a");
        AtomicReference<Process> process = new AtomicReference<>();

        JobExit exit = sandbox.run(job(sandbox, "sleep 600", List.of(), "", Duration.ofMillis(500)), process::set);

        assertThat(exit.timedOut()).isTrue();
        assertThat(sandbox.usable()).isFalse();
        assertThat(process.get().isAlive()).isFalse();
    }

    @Test
    void aBinaryThatCannotStartIsAStartFailureAndTheSandboxStays() throws Exception {
        WarmSandbox sandbox = take("owner-a");
        JobSpec spec = job(sandbox, "echo ran");
        try (var writing = java.nio.channels.FileChannel.open(spec.binary(), java.nio.file.StandardOpenOption.WRITE)) {
            assertThatThrownBy(() -> sandbox.run(spec, p -> { }))
                    .isInstanceOf(WrapperExecFailure.class)
                    .satisfies(e -> assertThat(JobProcess.startFailureReason((IOException) e)).isEqualTo("text file busy"));
        }
        assertThat(sandbox.run(spec, p -> { }).exitCode()).isZero();
        assertThat(stdout(spec)).isEqualTo("ran\n");
    }

    @Test
    void aSandboxGoneBeforeTheJobIsLostWithNothingRun() throws Exception {
        WarmSandbox sandbox = take("owner-a");
        AtomicReference<Process> process = new AtomicReference<>();
        assertThat(sandbox.run(job(sandbox, "true"), process::set).exitCode()).isZero();
        process.get().destroyForcibly().waitFor();
        JobSpec next = job(sandbox, "echo ran > ran.txt");

        assertThatThrownBy(() -> sandbox.run(next, p -> { })).isInstanceOf(WarmSandbox.Lost.class);

        assertThat(next.scratch().resolve("ran.txt")).doesNotExist();
    }

    @Test
    void aKillThroughTheJobsProcessRetiresTheSandboxAtOnce() throws Exception {
        WarmSandbox sandbox = take("owner-a");
        AtomicReference<Process> process = new AtomicReference<>();
        assertThat(sandbox.run(job(sandbox, "true"), process::set).exitCode()).isZero();

        JobProcess.killTree(process.get());

        assertThat(sandbox.usable()).as("not handed to a job while the kernel reaps it").isFalse();
    }

    @Test
    void wordsWithALineBreakAreNotForAKeptSandbox() throws Exception {
        WarmSandbox sandbox = take("owner-a");

        assertThat(sandbox.accepts(job(sandbox, "true", List.of("two\nlines"), "", Duration.ofSeconds(5)))).isFalse();
        assertThat(sandbox.accepts(job(sandbox, "true", List.of("one line"), "", Duration.ofSeconds(5)))).isTrue();
        JobSpec elsewhere = new JobSpec(Path.of("/bin/true"), List.of(), sandbox.scratchRoot(), Path.of("/dev/null"), Map.of(),
                Duration.ofSeconds(5));
        assertThat(sandbox.accepts(elsewhere)).as("a binary the sandbox does not show").isFalse();
    }

    @Test
    void aCleanJobLeavesItsSandboxForTheNextJobOfItsOwner() throws Exception {
        WarmSandbox sandbox = take("owner-a");
        JobSpec spec = job(sandbox, "echo result > out.txt; mkdir -p sub; echo x > $TMPDIR/tmp.txt");
        assertThat(sandbox.run(spec, p -> { }).exitCode()).isZero();
        Directories.deleteRecursively(spec.scratch());
        Directories.deleteRecursively(spec.binary().getParent());

        giveBack(sandbox);

        assertThat(take("owner-a")).isSameAs(sandbox);
    }

    @Test
    void theOwnersNextJobRunsTheKeptBinaryWhichNoJobCanAlter() throws Exception {
        Path cache = Files.createDirectories(temp.resolve("cache"));
        Path cached = Files.writeString(cache.resolve("0123abcd"), "#!/bin/sh\necho original\n"
                + "echo tampered >> \"$0\" 2>/dev/null && echo 'wrote its binary'; rm -f \"$0\" 2>/dev/null && echo 'removed it'; true\n");
        WarmSandbox sandbox = take("owner-a");
        Path binary = sandbox.kept().binary(cached, "app");
        Path stdin = sandbox.kept().emptyStdin();
        JobSpec first = new JobSpec(binary, List.of(), Directories.createPrivate(sandbox.scratchRoot(), "xwjob-1-"), stdin,
                Map.of(), Duration.ofSeconds(30));

        assertThat(sandbox.run(first, p -> { }).exitCode()).isZero();

        assertThat(stdout(first)).isEqualTo("original\n");
        assertThat(Files.readString(binary)).isEqualTo(Files.readString(cached));
        Directories.deleteRecursively(first.scratch());
        giveBack(sandbox);
        WarmSandbox again = take("owner-a");
        assertThat(again).as("the kept binaries do not make the sandbox dirty").isSameAs(sandbox);
        assertThat(again.kept().binary(cached, "app")).as("the same copy, not a new one").isEqualTo(binary);
        assertThat(again.kept().emptyStdin()).isEqualTo(stdin);
        assertThat(Files.size(stdin)).isZero();
        Path newVersion = Files.writeString(cache.resolve("4567ef"), "#!/bin/sh\necho new\n");
        assertThat(again.kept().binary(newVersion, "app")).as("another content is another copy").isNotEqualTo(binary);
        assertThat(Files.isExecutable(again.kept().binary(newVersion, "app"))).isTrue();
    }

    @Test
    void aSandboxClosedRightAfterItsStartLeavesNoProcessBehind() throws Exception {
        // bwrap's own child sets itself up for a moment after bwrap starts; a kill in that moment
        // used to leave it (and the supervisor's shell) running, in no one's tree, for ever.
        for (int i = 0; i < 200; i++) {
            WarmSandbox.start(confinement, temp).close();
        }
        // Closing waits for bwrap; what it leaves behind (if anything) never ends: wait a little for
        // the kernel to finish, not for a leftover.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!processesNaming(temp).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        assertThat(processesNaming(temp)).as("processes whose command line names " + temp).isEmpty();
    }

    /** The pids of this machine's processes whose command line holds {@code path}. */
    private static List<String> processesNaming(Path path) throws IOException {
        List<String> found = new ArrayList<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
                try {
                    String commandLine = new String(Files.readAllBytes(proc.resolve("cmdline")), java.nio.charset.StandardCharsets.UTF_8)
                            .replace('\0', ' ');
                    if (commandLine.contains(path.toString())) {
                        found.add(proc.getFileName() + ": " + commandLine);
                    }
                } catch (IOException e) {
                    // ended while listed, or not ours to read
                }
            }
        }
        return found;
    }

    @Test
    void aSandboxServesOneOwnerOnly() throws Exception {
        WarmSandbox a = take("owner-a");
        giveBack(a);
        WarmSandbox b = take("owner-b");
        assertThat(b).isNotSameAs(a);
        giveBack(b);

        assertThat(take("owner-a")).isSameAs(a);
        assertThat(take("owner-b")).isSameAs(b);
        assertThat(pool.take(null)).as("a server that does not say the owner").isNull();
    }

    @Test
    void anIdleSandboxIsClosedAfterItsLimitThoughNoJobComes() throws Exception {
        try (WarmSandboxes lull = new WarmSandboxes(confinement, temp.resolve("lull"), 2, Clock.systemUTC(), Duration.ofMillis(600))) {
            WarmSandboxes.Lease lease = lull.take("owner-a");
            lease.close();
            assertThat(lull.idle()).isEqualTo(1);

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (lull.idle() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }

            assertThat(lull.idle()).as("idle sandboxes after a lull").isZero();
            assertThat(lease.sandbox().usable()).isFalse();
            assertThat(processesNaming(temp.resolve("lull"))).isEmpty();
        }
    }

    @Test
    void idleSandboxesBeyondTheLimitOrTooOldAreClosed() throws Exception {
        Instant[] now = {Instant.parse("2026-12-05T08:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        try (WarmSandboxes small = new WarmSandboxes(confinement, temp.resolve("small"), 1, clock)) {
            WarmSandboxes.Lease one = small.take("owner-a");
            WarmSandboxes.Lease two = small.take("owner-b");
            one.close();
            two.close();
            assertThat(small.idle()).isEqualTo(1);
            assertThat(one.sandbox().usable()).as("the oldest idle one closed").isFalse();

            now[0] = now[0].plus(WarmSandboxes.IDLE_LIMIT).plusSeconds(1);
            WarmSandboxes.Lease three = small.take("owner-b");
            assertThat(three.sandbox()).as("idle too long").isNotSameAs(two.sandbox());
            assertThat(two.sandbox().usable()).isFalse();
            three.close();
        }
    }
}
