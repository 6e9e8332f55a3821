package xtremweb.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command to its end, capturing its exit code, stdout and stderr. */
final class Command {
    record Result(List<String> command, int exitCode, String stdout, String stderr) {
        /** For assertion messages: what ran and what it said. */
        String describe() {
            return String.join(" ", command) + " -> exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    private Command() {
    }

    static Result run(List<String> command, Path workDir, Path stdin, Duration timeout) throws IOException, InterruptedException {
        return start(command, workDir, stdin).finish(timeout);
    }

    /** The same with extra environment variables (X509_USER_PROXY, say). */
    static Result run(List<String> command, Path workDir, Path stdin, Duration timeout, java.util.Map<String, String> environment)
            throws IOException, InterruptedException {
        return start(command, workDir, stdin, environment).finish(timeout);
    }

    /** Starts a command without waiting for it: for the clients a test watches while they run. */
    static Running start(List<String> command, Path workDir, Path stdin) throws IOException {
        return start(command, workDir, stdin, java.util.Map.of());
    }

    static Running start(List<String> command, Path workDir, Path stdin, java.util.Map<String, String> environment) throws IOException {
        Path out = Files.createTempFile(workDir, "cmd", ".out");
        Path err = Files.createTempFile(workDir, "cmd", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("XW_HOME", Deployment.SOURCE_ROOT.toString());
        builder.environment().putAll(ClassArchives.environment(environment));
        builder.redirectInput(stdin != null ? ProcessBuilder.Redirect.from(stdin.toFile()) : ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return new Running(command, builder.start(), out, err);
    }

    /** A command still running; its output so far can be read. */
    record Running(List<String> command, Process process, Path out, Path err) {
        String stdoutSoFar() throws IOException {
            return Files.readString(out, StandardCharsets.UTF_8);
        }

        Result finish(Duration timeout) throws IOException, InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
            }
            Result result = new Result(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return result;
        }
    }
}
