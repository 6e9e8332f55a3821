package xtremweb.worker.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs that reach outside their scratch directory, against the real bubblewrap (installed by
 * .ci/run). Each job reports what it managed to do; the sandbox must have stopped all of it.
 */
@EnabledOnOs(OS.LINUX)
class SandboxTest {
    @TempDir
    Path temp;
    Path scratch;
    Path workerHome;
    Path stdin;
    Path bwrap;

    @BeforeEach
    void setUp() throws IOException {
        bwrap = Confinement.findBubblewrap();
        assumeTrue(bwrap != null, "bubblewrap is not installed (apt-get install bubblewrap, as .ci/run does)");
        scratch = Files.createDirectory(temp.resolve("scratch"));
        stdin = Files.createFile(temp.resolve("stdin"));
        workerHome = Files.createDirectories(temp.resolve("worker/var"));
        Files.writeString(workerHome.resolve("xtremweb.worker.conf"), "password: secret-of-the-worker\n");
    }

    private Confinement sandbox() {
        return new Confinement(bwrap, false, 0, 0, List.of(workerHome));
    }

    private JobExit run(Confinement confinement, String script) throws Exception {
        Path bin = Files.createDirectories(temp.resolve("private/bin"));
        Path job = bin.resolve("job");
        Files.writeString(job, "#!/bin/bash\n" + script + "\n");
        Files.setPosixFilePermissions(job, PosixFilePermissions.fromString("rwx------"));
        JobSpec spec = new JobSpec(job, List.of(), scratch, stdin, Map.of("XW_TASKUID", "t-1"), Duration.ofSeconds(30));
        return start(spec, confinement);
    }

    /** Runs the job as the worker would in a fresh sandbox; {@link WarmSandboxConfinementTest} in a kept one. */
    JobExit start(JobSpec spec, Confinement confinement) throws IOException, InterruptedException {
        return JobProcess.run(spec, confinement, p -> { });
    }

    private String stderr() throws IOException {
        return Files.readString(scratch.resolve(ResultZip.STDERR));
    }

    @Test
    void aJobWritesItsScratchDirectoryButNothingOutside() throws Exception {
        Path outside = temp.resolve("escaped");
        // /tmp inside the sandbox is a throwaway tmpfs: a write there never reaches the host's /tmp
        JobExit exit = run(sandbox(), "echo ok > inside.txt; echo x > " + outside + "; echo x > /usr/escaped");

        assertThat(scratch.resolve("inside.txt")).hasContent("ok");
        assertThat(outside).doesNotExist();
        assertThat(Path.of("/usr/escaped")).doesNotExist();
        assertThat(exit.exitCode()).isNotZero();
        assertThat(stderr()).contains("/usr/escaped: Read-only file system").contains(Confinement.STDERR_NOTE);
    }

    @Test
    void aWorkerSecretFileUnderASystemDirectoryIsEmptyInTheSandboxWhileItsNeighboursStayReadable() throws Exception {
        // A host key in /etc/grid-security or a password file in /etc: the sandbox shows /etc read-only,
        // so without a mask every job could read the credential the worker logs in with.
        Path secret = Path.of("/etc/hostname");
        assumeTrue(Files.isReadable(secret) && Files.size(secret) > 0, "this system has no readable /etc/hostname");
        Confinement confinement = new Confinement(bwrap, false, 0, 0, List.of(workerHome, secret));

        JobExit exit = run(confinement, "printf '[%s]' \"$(cat /etc/hostname)\"; test -r /etc/passwd && echo passwd-readable");

        assertThat(exit.exitCode()).isZero();
        assertThat(Files.readString(scratch.resolve(ResultZip.STDOUT))).isEqualTo("[]passwd-readable\n");
    }

    @Test
    void theSystemIsReadOnly() throws Exception {
        JobExit exit = run(sandbox(), "touch /usr/escaped");

        assertThat(exit.exitCode()).isNotZero();
        assertThat(Path.of("/usr/escaped")).doesNotExist();
        assertThat(stderr()).contains("Read-only file system");
    }

    @Test
    void aJobCannotReadTheWorkersConfigurationOrKeys() throws Exception {
        JobExit exit = run(sandbox(), "cat " + workerHome.resolve("xtremweb.worker.conf"));

        assertThat(exit.exitCode()).isNotZero();
        assertThat(Files.readString(scratch.resolve(ResultZip.STDOUT))).doesNotContain("secret");
        assertThat(stderr()).contains("No such file or directory").contains(Confinement.STDERR_NOTE);
    }

    @Test
    void aJobCannotOpenANetworkConnection() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(500);
            String connect = "exec 3<>/dev/tcp/127.0.0.1/" + listener.getLocalPort() + " && echo connected";

            JobExit exit = run(sandbox(), connect);

            assertThat(exit.exitCode()).isNotZero();
            assertThat(Files.readString(scratch.resolve(ResultZip.STDOUT))).doesNotContain("connected");
            assertThat(stderr()).containsAnyOf("Network is unreachable", "Connection refused").contains(Confinement.STDERR_NOTE);
            boolean accepted;
            try (var ignored = listener.accept()) {
                accepted = true;
            } catch (SocketTimeoutException e) {
                accepted = false;
            }
            assertThat(accepted).as("a connection reached the test's listener").isFalse();

            // the same job unsandboxed does connect: the failure above is the sandbox's doing
            assertThat(run(Confinement.none(), connect).exitCode()).isZero();
        }
    }

    @Test
    void aSuccessfulSandboxedJobGetsNoNote() throws Exception {
        JobExit exit = run(sandbox(), "echo hello; echo more >> data.txt; cat data.txt");

        assertThat(exit.exitCode()).isZero();
        assertThat(Files.readString(scratch.resolve(ResultZip.STDOUT))).isEqualTo("hello\nmore\n");
        assertThat(stderr()).isEmpty();
    }

    @Test
    void aFileLargerThanTheLimitCannotBeWritten() throws Exception {
        Confinement limited = new Confinement(null, true, 0, 1_000_000, List.of());

        JobExit exit = run(limited, "head -c 2000000 /dev/zero > big.bin");

        assertThat(exit.exitCode()).isNotZero();
        assertThat(Files.size(scratch.resolve("big.bin"))).isLessThanOrEqualTo(1_000_000);
    }

    @Test
    void aJobCannotAllocateMoreMemoryThanTheLimit() throws Exception {
        Confinement limited = new Confinement(bwrap, false, 64L << 20, 0, List.of());

        JobExit exit = run(limited, "x=$(head -c 200000000 /dev/zero | tr '\\0' a); echo ${#x}");

        assertThat(exit.exitCode()).isNotZero();
        assertThat(Files.readString(scratch.resolve(ResultZip.STDOUT))).doesNotContain("200000000");
    }

    /**
     * The sandbox starts the binary itself: when that exec fails the JVM sees bwrap exit 1, and the
     * job was once reported COMPLETED with an empty output. ETXTBSY is what happened (the binary
     * still open for writing by another thread's fork); a missing interpreter is another case.
     */
    @Test
    void aBinaryTheSandboxCannotStartIsAStartFailureNotAJobThatExited() throws Exception {
        Path job = Files.createDirectories(temp.resolve("private/bin")).resolve("job");
        Files.writeString(job, "#!/bin/sh\necho ran\n");
        Files.setPosixFilePermissions(job, PosixFilePermissions.fromString("rwx------"));
        JobSpec spec = new JobSpec(job, List.of(), scratch, stdin, Map.of(), Duration.ofSeconds(30));
        for (Confinement confinement : List.of(sandbox(), new Confinement(bwrap, false, 1L << 30, 0, List.of()),
                new Confinement(null, true, 1L << 30, 0, List.of()))) {
            try (var writing = java.nio.channels.FileChannel.open(job, java.nio.file.StandardOpenOption.WRITE)) {
                assertThatThrownBy(() -> start(spec, confinement)).as(confinement.toString())
                        .isInstanceOf(IOException.class)
                        .satisfies(e -> assertThat(JobProcess.startFailureReason((IOException) e)).isEqualTo("text file busy"));
            }
            assertThat(start(spec, confinement).exitCode()).as("once the writer is gone").isZero();
            assertThat(Files.readString(scratch.resolve(ResultZip.STDOUT))).isEqualTo("ran\n");
        }

        Files.writeString(job, "#!/no/such/interpreter\necho ran\n");
        assertThatThrownBy(() -> start(spec, sandbox()))
                .satisfies(e -> assertThat(JobProcess.startFailureReason((IOException) e)).isEqualTo("no such file or directory"));
    }

    @Test
    void aJobThatWritesWhatTheSandboxWouldAndExitsOneIsStillAJobThatExited() throws Exception {
        JobExit exit = run(sandbox(), "echo 'bwrap: execvp /elsewhere/job: Text file busy' >&2; exit 1");

        assertThat(exit.exitCode()).isEqualTo(1);
    }
}
