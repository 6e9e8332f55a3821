package xtremweb.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a batch system's command line (an argument vector, no shell) and returns what it printed. */
@FunctionalInterface
interface Commands {
    /** The command's standard output; a non-zero exit or a timeout is a {@link BatchException} with its error output. */
    String run(List<String> command);

    /** Real processes, each given {@code timeout} to finish. */
    static Commands processes(Duration timeout) {
        return command -> {
            String line = String.join(" ", command);
            Process process;
            try {
                process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            } catch (IOException e) {
                throw new BatchException("cannot run " + command.get(0) + " (" + e.getMessage() + "); is the batch system's"
                        + " client installed and on the PATH?", e);
            }
            // Both outputs are read while the command runs, so that neither fills its pipe and blocks it.
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new BatchException(line + " did not finish within " + timeout.toSeconds() + " s");
                }
                String errors = err.get(5, TimeUnit.SECONDS).trim();
                if (process.exitValue() != 0) {
                    throw new BatchException(line + " failed with exit code " + process.exitValue()
                            + (errors.isEmpty() ? "" : ": " + errors));
                }
                return out.get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new BatchException(line + " interrupted", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new BatchException(line + ": its output could not be read", e);
            }
        };
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
