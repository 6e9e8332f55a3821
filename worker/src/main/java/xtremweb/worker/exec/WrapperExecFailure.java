package xtremweb.worker.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The job's binary could not be started by the program that wraps it. With the sandbox (bwrap) or
 * resource limits (prlimit), or its own process group (setsid), the JVM starts the wrapper, and the wrapper starts the binary: when that
 * last exec fails (ETXTBSY, EACCES, ENOEXEC) the JVM only sees a process that exited 1 (bwrap) or
 * 126/127 (prlimit, setsid, or the shell of a kept sandbox: {@link WarmSandbox}), and the wrapper's one line on the job's stderr. Without telling it apart, a job
 * that never ran was reported COMPLETED with an empty output (seen once in a thousand jobs, for
 * ETXTBSY: another job thread's fork held the freshly copied binary open for writing for an instant).
 */
public final class WrapperExecFailure extends IOException {
    /** Longer than any line a wrapper writes for a failed exec: a bigger stderr is the job's own. */
    private static final long MAX_LINE = 4096;
    private final String reason;

    WrapperExecFailure(Path binary, String reason) {
        super("Cannot run program \"" + binary + "\": " + reason);
        this.reason = reason;
    }

    /** What the OS said, e.g. "Text file busy". */
    public String reason() {
        return reason;
    }

    /**
     * The OS's reason when {@code stderr} holds exactly the line bwrap or prlimit writes after
     * failing to exec {@code binary} with that exit code; null for any other end of the job. The
     * whole content must be that line, naming the binary's full path: a job that ran and wrote
     * something else, or exited with another code, is the job's own end.
     */
    static String reason(int exitCode, Path stderr, Path binary) throws IOException {
        if ((exitCode != 1 && exitCode != 126 && exitCode != 127) || !Files.isRegularFile(stderr)
                || Files.size(stderr) > MAX_LINE) {
            return null;
        }
        String content = Files.readString(stderr, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (!content.endsWith("\n") || content.indexOf('\n') != content.length() - 1) {
            return null;
        }
        String line = content.substring(0, content.length() - 1);
        List<String> prefixes = exitCode == 1 ? List.of("bwrap: execvp " + binary + ": ")
                : List.of("prlimit: failed to execute " + binary + ": ", "setsid: failed to execute " + binary + ": ",
                        WarmSandbox.SUPERVISOR_NAME + ": 1: exec: " + binary + ": ");
        for (String prefix : prefixes) {
            if (line.startsWith(prefix) && line.length() > prefix.length()) {
                String reason = line.substring(prefix.length());
                // the shell of a kept sandbox says ENOENT its own way
                return reason.equals("not found") ? "No such file or directory" : reason;
            }
        }
        return null;
    }
}
