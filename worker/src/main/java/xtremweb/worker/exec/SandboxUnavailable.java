package xtremweb.worker.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox could not be built on this host, so the job never started: bwrap refused before
 * exec (unprivileged user namespaces switched off, a seccomp or AppArmor rule, no /proc...). bwrap
 * then exits 1 with its one line on the job's stderr, which looked like the job's own exit 1: the
 * work ended COMPLETED with an empty output on every job this host took, and another host would
 * have run it. It is the host's condition, not the work's, so the work is given back.
 *
 * <p>A job can print that line and exit 1 too; it must not buy itself a give-back (which counts no
 * retry) that way. So the line is believed only when the same sandbox, started again by the worker
 * itself around {@code true}, fails as well.
 */
public final class SandboxUnavailable extends IOException {
    private static final long serialVersionUID = 1L;
    /** Longer than any line bwrap writes about itself: a bigger stderr is the job's own. */
    private static final long MAX_LINE = 4096;
    private static final String PREFIX = "bwrap: ";
    private static final long PROBE_SECONDS = 10;

    SandboxUnavailable(String reason) {
        super("the sandbox (bubblewrap) cannot start on this host: " + reason);
    }

    /**
     * Throws when a sandboxed job that ended with {@code exitCode} never started because the
     * sandbox cannot be built here: its stderr is exactly one line of bwrap's and a probe of the
     * same sandbox fails too. Returns otherwise (the exit is the job's own).
     */
    static void check(Confinement confinement, int exitCode, Path stderr, Path scratch, Path binary)
            throws SandboxUnavailable, InterruptedException {
        if (!confinement.sandboxed() || exitCode != 1) {
            return;
        }
        String line = bwrapLine(stderr);
        if (line == null) {
            return;
        }
        String probe = probe(confinement, scratch, binary);
        if (probe != null) {
            throw new SandboxUnavailable(probe.isEmpty() ? line : probe);
        }
    }

    /** The single line of stderr when it is one bwrap wrote about itself, else null. */
    private static String bwrapLine(Path stderr) {
        try {
            if (!Files.isRegularFile(stderr) || Files.size(stderr) > MAX_LINE) {
                return null;
            }
            String content = Files.readString(stderr, StandardCharsets.ISO_8859_1);
            if (!content.startsWith(PREFIX) || !content.endsWith("\n") || content.indexOf('\n') != content.length() - 1) {
                return null;
            }
            return content.strip();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Starts the job's sandbox around {@code true}: null when it runs, else what bwrap said (empty
     * when it said nothing). Nothing of the job runs, so nothing the job wrote can sway it.
     */
    private static String probe(Confinement confinement, Path scratch, Path binary) throws InterruptedException {
        try {
            ProcessBuilder builder = new ProcessBuilder(confinement.wrap(List.of("true"), scratch, binary))
                    .directory(scratch.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectErrorStream(false);
            // the job's minimal environment: none of the worker's variables
            builder.environment().clear();
            builder.environment().put("PATH", JobProcess.PATH);
            Process process = builder.start();
            byte[] said = process.getErrorStream().readNBytes((int) MAX_LINE);
            if (!process.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "it did not start 'true' within " + PROBE_SECONDS + " s";
            }
            return process.exitValue() == 0 ? null : new String(said, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "cannot start it: " + e.getMessage();
        }
    }
}
