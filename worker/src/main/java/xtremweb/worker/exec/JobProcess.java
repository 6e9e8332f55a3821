package xtremweb.worker.exec;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starts a job without a shell: the argument vector goes to the OS as is (no whitespace splitting, no
 * globbing), the environment is cleared to a minimum so the worker's own variables (and any secret
 * in them) never reach user code, and the whole process tree dies at the wall-clock limit.
 */
public final class JobProcess {
    static final String PATH = "/usr/local/bin:/usr/bin:/bin";

    private JobProcess() {
    }

    /**
     * Runs the job to its end. {@code onStart} receives the process as soon as it exists, so a
     * cancellation (heartbeat, stop) can kill it. An {@link IOException} means it could not start
     * (missing, not executable, or not a binary of this system), whether the JVM or the sandbox
     * that wraps it ({@link WrapperExecFailure}) found out, or the sandbox could not be built on
     * this host at all ({@link SandboxUnavailable}: the host's condition, not the job's).
     */
    public static JobExit run(JobSpec spec, Consumer<Process> onStart) throws IOException, InterruptedException {
        return run(spec, Confinement.none(), onStart);
    }

    /** Runs the job inside {@code confinement} (sandbox and resource limits). */
    public static JobExit run(JobSpec spec, Confinement confinement, Consumer<Process> onStart)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(spec.args().size() + 1);
        command.add(spec.binary().toString());
        command.addAll(spec.args());
        ProcessBuilder builder = new ProcessBuilder(confinement.wrap(command, spec.scratch(), spec.binary()))
                .directory(spec.scratch().toFile())
                .redirectInput(Redirect.from(spec.stdin().toFile()))
                .redirectOutput(Redirect.to(spec.scratch().resolve(ResultZip.STDOUT).toFile()))
                .redirectError(Redirect.to(spec.scratch().resolve(ResultZip.STDERR).toFile()));
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(environment(spec));

        BinaryFormat.check(spec.binary());
        Process process = builder.start();
        onStart.accept(process);
        try {
            if (!process.waitFor(spec.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(process);
                process.waitFor();
                return JobExit.killedAtLimit();
            }
            int code = process.exitValue();
            String wrapperFailure = WrapperExecFailure.reason(code, spec.scratch().resolve(ResultZip.STDERR), spec.binary());
            if (wrapperFailure != null) {
                throw new WrapperExecFailure(spec.binary(), wrapperFailure);
            }
            SandboxUnavailable.check(confinement, code, spec.scratch().resolve(ResultZip.STDERR), spec.scratch(), spec.binary());
            if (code != 0 && confinement.sandboxed()) {
                noteSandbox(spec.scratch().resolve(ResultZip.STDERR));
            }
            return JobExit.exited(code);
        } catch (InterruptedException e) {
            killTree(process);
            throw e;
        } finally {
            if (confinement.ownProcessGroup()) {
                // What the job left running in its group dies with it. Its pid cannot have been
                // reused meanwhile: the kernel keeps a pid out of use while its group has members.
                Signals.killGroup(process.pid());
            }
        }
    }

    /** The job's whole environment: a minimum, so the worker's own variables (and secrets) never reach it. */
    static Map<String, String> environment(JobSpec spec) {
        return environment(spec, spec.scratch().toString());
    }

    /** As {@link #environment(JobSpec)}, with the scratch directory as the job sees it ({@code dir}). */
    static Map<String, String> environment(JobSpec spec, String dir) {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("PATH", PATH);
        env.put("HOME", dir);
        env.put("TMPDIR", dir);
        env.put("LANG", "C.UTF-8");
        env.put("XW_DIR", dir);
        env.putAll(spec.xwVariables());
        return env;
    }

    static void noteSandbox(java.nio.file.Path stderr) {
        try {
            java.nio.file.Files.writeString(stderr, System.lineSeparator() + Confinement.STDERR_NOTE + System.lineSeparator(),
                    java.nio.file.StandardOpenOption.APPEND, java.nio.file.StandardOpenOption.CREATE);
        } catch (IOException e) {
            // the note helps the job's owner; its absence does not change the outcome
        }
    }

    /** Kills the process and every descendant (a job script's children must not outlive it). */
    public static void killTree(Process process) {
        // Descendants first listed, then the parent killed: once it dies they are re-parented out of reach.
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    /** "exec format error" from "Cannot run program "x": error=8, Exec format error", for a report. */
    public static String startFailureReason(IOException e) {
        if (e instanceof BinaryFormat.NotExecutableException) {
            return e.getMessage();
        }
        if (e instanceof WrapperExecFailure failure) {
            return failure.reason().toLowerCase(java.util.Locale.ROOT);
        }
        String message = String.valueOf(e.getMessage());
        if (e.getCause() != null && e.getCause().getMessage() != null) {
            message = e.getCause().getMessage();
        }
        int comma = message.lastIndexOf(", ");
        if (message.contains("error=") && comma >= 0) {
            message = message.substring(comma + 2);
        }
        return message.toLowerCase(java.util.Locale.ROOT);
    }
}
