package xtremweb.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** A long-running process (server or worker) started in the foreground ("console") by a bin/ script. */
final class Daemon {
    private final String name;
    private final Process process;
    private final Path output;

    private Daemon(String name, Process process, Path output) {
        this.name = name;
        this.process = process;
        this.output = output;
    }

    static Daemon start(String name, List<String> command, Path runDir, String readyLine, Duration timeout) throws IOException {
        return start(name, command, runDir, readyLine, timeout, java.util.Map.of());
    }

    /** With more environment variables (e.g. SLURM_CONF for a bridge). */
    static Daemon start(String name, List<String> command, Path runDir, String readyLine, Duration timeout,
                        java.util.Map<String, String> env) throws IOException {
        return start(name, command, runDir, readyLine, timeout, env, true);
    }

    /** With {@code quickStart} false, a server or worker keeps the JVM's default compilers and collector. */
    static Daemon start(String name, List<String> command, Path runDir, String readyLine, Duration timeout,
                        java.util.Map<String, String> env, boolean quickStart) throws IOException {
        Files.createDirectories(runDir);
        Path output = runDir.resolve(name + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("XW_HOME", Deployment.SOURCE_ROOT.toString());
        builder.environment().put("XW_RUN_DIR", runDir.toString());
        builder.environment().putAll(ClassArchives.environment(env, quickStart));
        Daemon daemon = new Daemon(name, builder.start(), output);
        try {
            Awaitility.await(name + " ready").atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!daemon.process.isAlive()) {
                    throw new IllegalStateException(name + " died at start-up:\n" + daemon.output());
                }
                return daemon.output().contains(readyLine);
            });
        } catch (RuntimeException | Error e) {
            // No one else holds it: a server still starting after the timeout ran on, unstopped, to the
            // end of the run, and the next tests started theirs on a machine the more loaded.
            daemon.process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            daemon.process.destroyForcibly();
            throw e;
        }
        return daemon;
    }

    String output() throws IOException {
        return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end by itself; returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " still runs after " + timeout);
        }
        return process.exitValue();
    }

    /** SIGKILL: the process dies on the spot, as in a power cut (its jobs are left to the OS). */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as the stop scripts send, then SIGKILL if it lingers. */
    void stop() throws InterruptedException {
        process.toHandle().descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
