package xtremweb.worker.exec;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a job may touch, applied by wrapping its command line. With bubblewrap the job sees a
 * read-only system, its scratch directory as the only writable place, a private /tmp, no
 * network, none of the worker's files (configuration, keys, identity) and no other process.
 * Resource limits go through {@code prlimit}: address space (memory) and largest file written.
 *
 * @param bwrap         the bubblewrap executable, or null to run unsandboxed
 * @param network       whether sandboxed jobs keep the network ({@code sandbox.network})
 * @param memoryBytes   RLIMIT_AS of the job, 0 for none ({@code job.memory.max})
 * @param fileBytes     RLIMIT_FSIZE of the job, 0 for none ({@code job.file.max})
 * @param hidden        directories and files of the worker the job must not read (its home, configuration,
 *                      password file, host certificate and key), even when under a system dir
 */
public record Confinement(Path bwrap, boolean network, long memoryBytes, long fileBytes, List<Path> hidden) {
    /** System directories a job needs to find its interpreter and libraries; all read-only. */
    /** setsid of util-linux (Linux): absent elsewhere, where unsandboxed jobs share the worker's group. */
    private static final Path SETSID = findOnPath("setsid");
    private static final List<String> SYSTEM = List.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc");
    /** Printed at the end of the stderr of a sandboxed job that failed, so its owner knows why. */
    public static final String STDERR_NOTE = "xtremweb: this job ran in the worker's sandbox: the system is read-only, only its"
            + " working directory is writable, the worker's files are hidden and there is no network; an access outside"
            + " these limits fails";

    public Confinement {
        hidden = List.copyOf(hidden);
    }

    /** No sandbox, no limit: the job runs as the worker's user would run it. */
    public static Confinement none() {
        return new Confinement(null, true, 0, 0, List.of());
    }

    /**
     * The confinement the configuration asks for on this machine: bubblewrap when {@code enabled}
     * and {@code bwrap} (found on the PATH) is not null, no sandbox otherwise.
     */
    public static Confinement choose(boolean enabled, Path bwrap, boolean network, long memoryBytes, long fileBytes,
                                     List<Path> hidden) {
        return new Confinement(enabled ? bwrap : null, network, memoryBytes, fileBytes, hidden);
    }

    /** The start-up log line: whether jobs are confined, and if not, why and how to fix it. */
    public String startupNotice(boolean enabled) {
        String limits = (memoryBytes > 0 ? "; memory limit " + (memoryBytes >> 20) + " MiB" : "")
                + (fileBytes > 0 ? "; file size limit " + (fileBytes >> 20) + " MiB" : "");
        if (bwrap != null) {
            return "jobs run in the bubblewrap sandbox " + bwrap + ": read-only system, writable scratch only, "
                    + (network ? "network allowed (sandbox.network)" : "no network") + limits;
        }
        if (!enabled) {
            return "sandbox.enable is false: jobs run UNSANDBOXED, with every right of the worker's user" + limits;
        }
        return "bubblewrap (bwrap) is not installed: jobs run UNSANDBOXED, with every right of the worker's user;"
                + " install it (apt-get install bubblewrap) to confine them" + limits;
    }

    public boolean sandboxed() {
        return bwrap != null;
    }

    /**
     * Whether the job starts as the leader of a process group of its own, which {@link JobProcess}
     * kills when the job ends: an unsandboxed job's background children ({@code cmd &}) would
     * otherwise outlive it on the volunteer's machine, re-parented out of the worker's sight. A
     * sandboxed job needs none: bwrap's PID namespace dies with it.
     */
    public boolean ownProcessGroup() {
        return bwrap == null && SETSID != null;
    }

    /** {@code bwrap} on the PATH, if any. */
    public static Path findBubblewrap() {
        return findOnPath("bwrap");
    }

    private static Path findOnPath(String program) {
        String path = Objects.requireNonNullElse(System.getenv("PATH"), "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return Path.of(dir, program);
            }
        }
        return null;
    }

    /** The command to start: {@code prlimit ... -- bwrap ... -- binary args}, or the command itself. */
    List<String> wrap(List<String> command, Path scratch, Path binary) {
        List<String> out = new ArrayList<>();
        if (ownProcessGroup()) {
            // the JVM's child is no group leader, so setsid does not fork: the job keeps the pid the worker knows
            out.add(SETSID.toString());
        }
        out.addAll(limits());
        if (bwrap != null) {
            Path binDir = binary.toAbsolutePath().getParent();
            Path dir = scratch.toAbsolutePath();
            out.addAll(bubblewrap(binDir, binDir, dir, dir));
            out.add("--");
        }
        out.addAll(command);
        return out;
    }

    /**
     * The command that starts a sandbox kept for several jobs ({@link WarmSandbox}): the same
     * limits and sandbox as {@link #wrap}, {@code scratchRoot} writable and {@code binRoot}
     * read-only, running {@code script} in the system's shell.
     */
    List<String> wrapSupervisor(String script, Path scratchRoot, Path binRoot) {
        if (bwrap == null) {
            throw new IllegalStateException("no sandbox to keep: bwrap is not used");
        }
        List<String> out = new ArrayList<>(limits());
        out.addAll(bubblewrap(binRoot, WarmSandbox.INSIDE_BIN, scratchRoot, WarmSandbox.INSIDE_SCRATCH));
        // What a job could leave for the next one must be where the supervisor looks: its own
        // /dev/shm, and nothing writable in / or /dev (made after every mount point is in place).
        out.addAll(List.of("--tmpfs", "/dev/shm", "--remount-ro", "/dev", "--remount-ro", "/"));
        out.addAll(List.of("--", "/bin/sh", "-c", script, WarmSandbox.SUPERVISOR_NAME));
        return out;
    }

    /** {@code prlimit --as=.. --fsize=.. --}, or nothing without limits. */
    private List<String> limits() {
        List<String> out = new ArrayList<>();
        if (memoryBytes > 0 || fileBytes > 0) {
            out.add("prlimit");
            if (memoryBytes > 0) {
                out.add("--as=" + memoryBytes);
            }
            if (fileBytes > 0) {
                out.add("--fsize=" + fileBytes);
            }
            out.add("--");
        }
        return out;
    }

    /**
     * bwrap and its options, up to the command: {@code binDir} read-only at {@code binInside},
     * {@code scratch} writable and current at {@code scratchInside}.
     */
    private List<String> bubblewrap(Path binDir, Path binInside, Path scratch, Path scratchInside) {
        List<String> out = new ArrayList<>();
        out.add(bwrap.toString());
        for (String dir : SYSTEM) {
            out.add("--ro-bind-try");
            out.add(dir);
            out.add(dir);
        }
        out.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"));
        for (Path path : hidden) {
            // only needed where a worker file lies under a bound system directory (a packaged install
            // in /etc, a host key in /etc/grid-security): elsewhere the sandbox does not show it at all
            Path absolute = path.toAbsolutePath();
            if (SYSTEM.stream().noneMatch(absolute::startsWith)) {
                continue;
            }
            if (Files.isDirectory(absolute)) {
                out.addAll(List.of("--tmpfs", absolute.toString()));
            } else if (Files.exists(absolute)) {
                // a secret file beside files jobs may need (CA certificates): only the file is masked
                out.addAll(List.of("--ro-bind", "/dev/null", absolute.toString()));
            }
        }
        out.addAll(List.of("--ro-bind", binDir.toString(), binInside.toString()));
        out.addAll(List.of("--bind", scratch.toAbsolutePath().toString(), scratchInside.toString(),
                "--chdir", scratchInside.toString()));
        out.addAll(List.of("--unshare-all", "--die-with-parent", "--new-session"));
        if (network) {
            out.add("--share-net");
        }
        return out;
    }
}
