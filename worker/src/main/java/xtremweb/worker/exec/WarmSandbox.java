package xtremweb.worker.exec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One bubblewrap sandbox kept running between jobs of one owner, so that a stream of short jobs
 * does not pay for a new sandbox each: setting up and tearing down bwrap's namespaces costs about
 * 12 ms of kernel time, serialised across the machine (about 85 starts/s on a 2-core VM whatever
 * the parallelism), while a job started inside a running sandbox costs one fork and one exec.
 *
 * <p>Inside runs a small POSIX shell loop, the supervisor, reading one job per line on its stdin
 * and answering its exit status on its stdout. The worker builds each line itself, quoting every
 * word, so nothing the user submitted is ever parsed as shell syntax. A job sees what a job of a
 * fresh sandbox sees (same read-only system, same hidden files, no network, the same environment),
 * with two directories of the worker bound in: {@link #scratchRoot()} (writable, seen as
 * {@code /xw/scratch}) and {@link #binRoot()} (read-only, {@code /xw/bin}), under which the worker
 * creates each job's scratch directory (and binary directory, when the job has a stdin) and removes
 * them before the next job starts, and keeps the owner's binaries ({@link KeptBinaries});
 * the rest of the sandbox's own file system is read-only but for {@code /tmp} and {@code /dev/shm}.
 *
 * <p>Nothing of a job may reach the next one: after each job the supervisor reports whether any
 * process is left in the sandbox, or anything in its {@code /tmp} or {@code /dev/shm}; if so the
 * sandbox is closed, its PID namespace dies with everything in it, and the next job gets a new one.
 * A sandbox only ever runs the jobs of one owner ({@link WarmSandboxes}), so a job that tampers with
 * its supervisor can only reach later jobs of its own owner.
 */
public final class WarmSandbox implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WarmSandbox.class);
    /** Where a job sees its scratch directory's parent (writable) and its binary's (read-only). */
    static final Path INSIDE_SCRATCH = Path.of("/xw/scratch");
    static final Path INSIDE_BIN = Path.of("/xw/bin");
    /** The supervisor's name ($0): the start of the shell's line when a job's exec fails. */
    static final String SUPERVISOR_NAME = "xw-supervisor";

    /**
     * The supervisor. {@code $$} is its own pid; pid 1 is bwrap's reaper. A line is a nonce and a
     * command made by {@link #line}; the answer is the nonce, the status and "dirty" when the job
     * left anything behind (then the supervisor stops: the worker closes the sandbox): a process,
     * or anything in {@code /tmp} or {@code /dev/shm}, the only places a job may write besides its
     * scratch directory (/ and /dev are read-only; the worker checks the roots). Shell built-ins
     * only: on a slow virtual machine every fork and exec costs about 10 ms. Its first line,
     * "ready", says bwrap has set the sandbox up (see {@link #start}).
     */
    static final String SUPERVISOR = """
            echo ready
            while IFS= read -r line; do
              nonce=${line%% *}
              ( eval "${line#* }" )
              status=$?
              dirty=
              for p in /proc/[0-9]*; do
                case ${p#/proc/} in 1|$$) ;; *) dirty=dirty ;; esac
              done
              for f in /tmp/* /tmp/.[!.]* /tmp/..?* /dev/shm/* /dev/shm/.[!.]* /dev/shm/..?*; do
                if [ -e "$f" ] || [ -L "$f" ]; then dirty=dirty; fi
              done
              echo "$nonce $status $dirty"
              if [ -n "$dirty" ]; then exit 0; fi
            done
            """;
    /** How long bwrap may take to set a sandbox up, on a machine as loaded as a volunteer's can be. */
    static final java.time.Duration READY_LIMIT = java.time.Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Waits for the supervisor's answer, so that the job's thread can wait with a limit and be interrupted. */
    private static final java.util.concurrent.Executor READERS = Executors.newVirtualThreadPerTaskExecutor();

    private final Path dir;
    private final Path scratchRoot;
    private final Path binRoot;
    private final Process process;
    private final Writer toSupervisor;
    private final BufferedReader fromSupervisor;
    private volatile boolean usable = true;
    private final KeptBinaries kept;
    /** The process as the job's owner sees it: killing it (a cancel) also retires this sandbox at once. */
    private final Process guarded;

    private WarmSandbox(Path dir, Path scratchRoot, Path binRoot, Process process) {
        this.dir = dir;
        this.scratchRoot = scratchRoot;
        this.binRoot = binRoot;
        this.kept = new KeptBinaries(binRoot);
        this.process = process;
        this.toSupervisor = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.fromSupervisor = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.guarded = new RetiringProcess(process, () -> usable = false);
    }

    /** Starts a sandbox of {@code confinement} (which must be sandboxed) in a new directory under {@code parent}. */
    static WarmSandbox start(Confinement confinement, Path parent) throws IOException {
        Path dir = Directories.createPrivate(parent, "xwsandbox-");
        try {
            return start(confinement, dir, Files.createDirectory(dir.resolve("scratch")), Files.createDirectory(dir.resolve("bin")));
        } catch (IOException | RuntimeException e) {
            Directories.deleteRecursively(dir);
            throw e;
        }
    }

    /** Starts a sandbox showing {@code scratchRoot} and {@code binRoot}; {@code dir} (its log) is removed with it. */
    static WarmSandbox start(Confinement confinement, Path dir, Path scratchRoot, Path binRoot) throws IOException {
        scratchRoot = scratchRoot.toAbsolutePath();
        binRoot = binRoot.toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(confinement.wrapSupervisor(SUPERVISOR, scratchRoot, binRoot))
                .directory(scratchRoot.toFile())
                .redirectError(Redirect.appendTo(dir.resolve("supervisor.log").toFile()));
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", JobProcess.PATH);
        // ASCII messages: the wrapper's own line for a failed exec is recognised by its text
        env.put("LC_ALL", "C");
        WarmSandbox sandbox = new WarmSandbox(dir, scratchRoot, binRoot, builder.start());
        sandbox.awaitReady();
        return sandbox;
    }

    /**
     * Waits for the supervisor's first line. Until bwrap's own child has set the sandbox up (its
     * PID namespace, its parent-death signal), a kill of bwrap leaves that child running for ever,
     * out of the worker's reach; once the supervisor speaks, killing the tree ends all of it.
     */
    private void awaitReady() throws IOException {
        CompletableFuture<String> first = CompletableFuture.supplyAsync(this::readAnswer, READERS);
        String line;
        try {
            line = first.get(READY_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            line = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            line = null;
        }
        if (!"ready".equals(line)) {
            kill();
            String log = "";
            try {
                log = Files.readString(dir.resolve("supervisor.log")).strip();
            } catch (IOException e) {
                // nothing said
            }
            throw new IOException("the kept sandbox did not start" + (line == null ? "" : " (it said \"" + line + "\")")
                    + (log.isEmpty() ? "" : ": " + log));
        }
    }

    /** Where the worker makes a job's scratch directory: seen, writable, by the job. */
    public Path scratchRoot() {
        return scratchRoot;
    }

    /** Where the worker puts a job's binary and stdin: seen, read-only, by the job. */
    public Path binRoot() {
        return binRoot;
    }

    /** The binaries and empty stdin this sandbox keeps for its owner's next jobs, under {@link #binRoot()}. */
    public KeptBinaries kept() {
        return kept;
    }

    /** Whether this sandbox may run another job: its last job left nothing and it is still running. */
    boolean usable() {
        return usable && process.isAlive();
    }

    /**
     * Whether the roots are empty again, as the next job must find them: the worker removed the
     * last job's directories, and a job may also have written beside its own scratch directory.
     * The binaries kept for the owner ({@link #kept()}) stay.
     */
    boolean rootsEmpty() {
        for (Path root : List.of(scratchRoot, binRoot)) {
            try (java.util.stream.Stream<Path> entries = Files.list(root)) {
                if (entries.anyMatch(e -> !(root.equals(binRoot) && e.getFileName().toString().equals(KeptBinaries.NAME)))) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code spec} can be given to a supervisor as one line: its words must hold no line
     * break, and its files must lie in this sandbox's directories. Otherwise it runs in a fresh
     * sandbox, as before.
     */
    public boolean accepts(JobSpec spec) {
        return words(spec).stream().noneMatch(w -> w.indexOf('\n') >= 0 || w.indexOf('\r') >= 0 || w.indexOf('\0') >= 0)
                && spec.scratch().toAbsolutePath().startsWith(scratchRoot)
                && spec.binary().toAbsolutePath().startsWith(binRoot)
                && spec.stdin().toAbsolutePath().startsWith(binRoot);
    }

    /**
     * Runs the job to its end in this sandbox, as {@link JobProcess#run} does in a fresh one.
     * {@code onStart} receives the sandbox's process: killing it (a cancellation) kills the job,
     * and this sandbox with it.
     */
    public JobExit run(JobSpec spec, Consumer<Process> onStart) throws IOException, InterruptedException {
        if (!accepts(spec)) {
            throw new IllegalStateException("this sandbox cannot run " + spec.binary());
        }
        if (!usable()) {
            kill();
            throw new Lost(new IOException("it ended"));
        }
        BinaryFormat.check(spec.binary());
        String nonce = HexFormat.of().formatHex(nonceBytes());
        onStart.accept(guarded);
        try {
            toSupervisor.write(nonce + " " + line(spec) + "\n");
            toSupervisor.flush();
        } catch (IOException e) {
            // Gone before the job was handed over (killed, or it ended with its last job): the job
            // never started, and may start elsewhere.
            kill();
            throw new Lost(e);
        }
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(this::readAnswer, READERS);
        String status;
        try {
            status = answer.get(spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            kill();
            return JobExit.killedAtLimit();
        } catch (InterruptedException e) {
            kill();
            throw e;
        } catch (ExecutionException e) {
            throw new IOException("the sandbox's supervisor failed: " + e.getCause(), e.getCause());
        }
        if (status == null) {
            // The job ended its own sandbox (killed every process it could see, the supervisor
            // included): it ends as a job killed by a signal would.
            usable = false;
            process.waitFor(5, TimeUnit.SECONDS);
            kill();
            int code = process.isAlive() ? 137 : process.exitValue();
            String log = "";
            try {
                log = Files.readString(dir.resolve("supervisor.log"));
            } catch (IOException e) {
                // nothing said
            }
            LOG.warn("the kept sandbox {} (pid {}) ended under job {} with status {}{}", dir.getFileName(), process.pid(),
                    spec.binary().getParent().getParent().getFileName(), code, log.isBlank() ? "" : ": " + log.strip());
            return JobExit.exited(code);
        }
        String[] words = status.split(" ", -1);
        if (words.length < 2 || !words[0].equals(nonce)) {
            // Not the answer to this job: something wrote to the supervisor; never trust it again.
            kill();
            throw new IOException("the sandbox's supervisor answered \"" + status + "\" to job " + nonce);
        }
        if (words.length > 2 && !words[2].isEmpty()) {
            usable = false;
        }
        int code = Integer.parseInt(words[1]);
        String wrapperFailure = WrapperExecFailure.reason(code, spec.scratch().resolve(ResultZip.STDERR), inside(spec.binary()));
        if (wrapperFailure != null) {
            throw new WrapperExecFailure(spec.binary(), wrapperFailure);
        }
        if (code != 0) {
            JobProcess.noteSandbox(spec.scratch().resolve(ResultZip.STDERR));
        }
        return JobExit.exited(code);
    }

    /** The sandbox was gone before it got the job: nothing ran; start the job in a fresh sandbox. */
    public static final class Lost extends IOException {
        private static final long serialVersionUID = 1L;

        Lost(IOException cause) {
            super("the kept sandbox was gone before the job started: " + cause.getMessage(), cause);
        }
    }

    private static byte[] nonceBytes() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private String readAnswer() {
        try {
            return fromSupervisor.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * {@code cd SCRATCH && unset ... && export VARS && exec BINARY ARGS <STDIN >STDOUT 2>STDERR},
     * every word quoted, paths as the job sees them: what {@link JobProcess} asks of the OS for a
     * fresh sandbox, said to the supervisor's shell. Its own variables are unset first, so the job
     * gets exactly the environment a fresh sandbox gives.
     */
    String line(JobSpec spec) {
        String dir = inside(spec.scratch()).toString();
        StringBuilder line = new StringBuilder("cd ").append(quote(dir)).append(" && unset LC_ALL PWD OLDPWD && export");
        for (Map.Entry<String, String> variable : new TreeMap<>(JobProcess.environment(spec, dir)).entrySet()) {
            line.append(' ').append(quote(variable.getKey() + "=" + variable.getValue()));
        }
        line.append(" && exec ").append(quote(inside(spec.binary()).toString()));
        for (String arg : spec.args()) {
            line.append(' ').append(quote(arg));
        }
        line.append(" <").append(quote(inside(spec.stdin()).toString()))
                .append(" >").append(quote(inside(spec.scratch().resolve(ResultZip.STDOUT)).toString()))
                .append(" 2>").append(quote(inside(spec.scratch().resolve(ResultZip.STDERR)).toString()));
        return line.toString();
    }

    /** Where the job sees {@code path}, a path under one of the roots. */
    Path inside(Path path) {
        Path absolute = path.toAbsolutePath();
        if (absolute.startsWith(scratchRoot)) {
            return INSIDE_SCRATCH.resolve(scratchRoot.relativize(absolute).toString());
        }
        if (absolute.startsWith(binRoot)) {
            return INSIDE_BIN.resolve(binRoot.relativize(absolute).toString());
        }
        throw new IllegalArgumentException(path + " is outside the sandbox's directories");
    }

    /** One shell word that stands for {@code s} exactly: single quotes, each ' written '\''. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static List<String> words(JobSpec spec) {
        List<String> words = new ArrayList<>(spec.args());
        words.add(spec.binary().toString());
        JobProcess.environment(spec).forEach((k, v) -> {
            words.add(k);
            words.add(v);
        });
        words.add(spec.scratch().toString());
        words.add(spec.stdin().toString());
        return words;
    }

    /**
     * Kills the sandbox and everything in it; its directories stay until {@link #close} (the job
     * that was running may still need its files, or start again in a fresh sandbox).
     */
    private void kill() {
        usable = false;
        JobProcess.killTree(process);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the sandbox and everything in it, and removes its directories. */
    @Override
    public void close() {
        kill();
        try {
            Directories.deleteRecursively(dir);
        } catch (IOException e) {
            // under the worker's per-run jobs directory, removed at its next start or stop
        }
    }
}
