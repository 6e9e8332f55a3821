package xtremweb.worker.task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwConnectException;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.Assignment;
import xtremweb.common.wire.InputRef;
import xtremweb.common.wire.ResultBatch;
import xtremweb.common.wire.TaskResult;
import xtremweb.common.wire.TaskReport;
import xtremweb.worker.cache.ExternalInput;
import xtremweb.worker.cache.InputCache;
import xtremweb.worker.cache.InputForbiddenException;
import xtremweb.worker.cache.InputRejectedException;
import xtremweb.worker.exec.Confinement;
import xtremweb.worker.exec.Directories;
import xtremweb.worker.exec.JobExit;
import xtremweb.worker.exec.JobProcess;
import xtremweb.worker.exec.WarmSandbox;
import xtremweb.worker.exec.WarmSandboxes;
import xtremweb.worker.exec.JobSpec;
import xtremweb.worker.exec.ResultZip;
import xtremweb.worker.exec.SandboxUnavailable;
import xtremweb.common.archive.SafeUnzip;
import xtremweb.worker.exec.ScratchSnapshot;
import xtremweb.worker.server.Backoff;
import xtremweb.worker.server.StopSignal;

/**
 * Carries one assignment to its end. A job that ran reports COMPLETED with its exit code (non-zero
 * included); a job that could not run, or hit the wall-clock limit, reports ERROR with a sentence
 * saying why. A task the server no longer gives to this host (403/409, cancel) is dropped silently.
 * Scratch and private directories are removed whatever happens.
 */
public final class TaskRunner {
    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);
    /** UIDs end up in paths and URLs: letters, digits, '-', '_', '.', never starting with '.'. */
    private static final Pattern UID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}");
    private static final int DOWNLOAD_ATTEMPTS = 3;
    private static final int SERVER_ATTEMPTS = 5;
    /** What an app name may keep in the binary's file name; compiled once, not for every job. */
    private static final Pattern UNSAFE_IN_FILE_NAME = Pattern.compile("[^A-Za-z0-9._+-]");

    private final TaskServer server;
    private final InputCache cache;
    private final Path tmpDir;
    private final Duration timeout;
    private final RunningTasks running;
    private final StopSignal stop;
    private final Supplier<Backoff> backoffs;
    /**
     * The pause of a slot after this host's own trouble (a full disk, a broken sandbox, inputs out of
     * reach), shared by the slots: it grows while the trouble lasts and is back to its first step
     * once a job ends well. A fresh back-off each time paused its first step (about 1 s) every
     * time: a host whose disk stayed full ran the same work again about once a second, for ever.
     */
    private final Backoff troublePauses;
    private final PendingResults pending;
    /** Sends the small results of slots ending together in one exchange (protocol 3). */
    private final ResultUplink uplink;
    /** Delivers, with back-off, the results the server could not take when their jobs ended. */
    private final KeptResults kept;
    private final Confinement confinement;
    private volatile Predicate<JobExit> interrupted = exit -> false;
    private volatile java.util.function.IntSupplier nextWorks = () -> 0;
    private volatile ExternalInput external = new ExternalInput(false);
    /** The sandboxes kept between jobs of one owner ({@code sandbox.reuse}); null: a fresh one per job. */
    private volatile WarmSandboxes warm;
    private volatile ScratchWriter scratchWriter = ScratchWriter.LOCAL;

    /**
     * What the runner writes on this host's disk besides downloads: the env archive unpacked into
     * the scratch, and the result zip. An interface so that a test can make the disk full.
     */
    interface ScratchWriter {
        ScratchWriter LOCAL = new ScratchWriter() {
            @Override
            public void unpack(Path archive, Path scratch) throws IOException {
                SafeUnzip.unpack(archive, scratch);
            }

            @Override
            public ResultZip.Written zip(Path scratch, ScratchSnapshot before, Path target) throws IOException {
                return ResultZip.write(scratch, before, target);
            }
        };

        void unpack(Path archive, Path scratch) throws IOException;

        ResultZip.Written zip(Path scratch, ScratchSnapshot before, Path target) throws IOException;
    }

    void writeScratchWith(ScratchWriter writer) {
        scratchWriter = writer;
    }

    /** The free space where a job writes, as it starts (see {@link JobDiskUse}); replaced by tests. */
    private volatile java.util.function.ToLongFunction<Path> freeSpace = JobDiskUse::usable;

    void measureFreeSpaceWith(java.util.function.ToLongFunction<Path> measure) {
        freeSpace = measure;
    }

    /** @param pendingDir where results wait until the server has them; under the worker's home to survive restarts */
    public TaskRunner(TaskServer server, InputCache cache, Path tmpDir, Duration timeout, RunningTasks running,
                      StopSignal stop, Supplier<Backoff> backoffs, Path pendingDir) throws IOException {
        this(server, cache, tmpDir, timeout, running, stop, backoffs, pendingDir, Confinement.none());
    }

    /** @param confinement the sandbox and resource limits every job runs in */
    public TaskRunner(TaskServer server, InputCache cache, Path tmpDir, Duration timeout, RunningTasks running,
                      StopSignal stop, Supplier<Backoff> backoffs, Path pendingDir, Confinement confinement)
            throws IOException {
        this.pending = new PendingResults(pendingDir);
        this.confinement = confinement;
        this.server = server;
        this.cache = cache;
        this.tmpDir = tmpDir;
        this.timeout = timeout;
        this.running = running;
        this.stop = stop;
        this.backoffs = backoffs;
        this.troublePauses = backoffs.get();
        this.uplink = new ResultUplink(server);
        this.kept = new KeptResults(pending, running, stop, backoffs, result -> deliver(result, 0));
    }

    /** {@code data.privateaddresses}: whether inputs may be fetched from the volunteer's own network (no by default). */
    public void allowPrivateAddresses(boolean allow) {
        external = new ExternalInput(allow);
    }

    /**
     * {@code sandbox.reuse}: with the sandbox, up to {@code keep} sandboxes are kept between jobs,
     * each for the jobs of one owner (see {@link WarmSandbox}); 0 starts a fresh one per job.
     */
    public void reuseSandboxes(int keep) {
        closeSandboxes();
        warm = keep > 0 && confinement.sandboxed() ? new WarmSandboxes(confinement, tmpDir, keep, java.time.Clock.systemUTC()) : null;
    }

    /** Closes the kept sandboxes (the worker stops). */
    public void closeSandboxes() {
        WarmSandboxes kept = warm;
        if (kept != null) {
            kept.close();
        }
    }

    /**
     * Which job ends mean "killed under the worker's feet, not finished": such a job's work is given
     * back (re-queued without counting a failure) instead of reported with that exit code. A pilot
     * needs it: the batch system signals the jobs of a cancelled pilot at the same moment as the
     * pilot itself. Nothing by default.
     */
    public void giveBackInterrupted(Predicate<JobExit> test) {
        interrupted = test;
    }

    /**
     * ETXTBSY: another job thread was writing some file when this fork happened, and the child
     * inherited its descriptor for an instant; exec then refuses the binary. It passes at once, so
     * try again briefly instead of failing the work (seen with 4 workers x 2 threads). In the
     * sandbox it is bwrap's exec that fails, told apart from the job's own exit by
     * {@link xtremweb.worker.exec.WrapperExecFailure}; reasons come lowercase from startFailureReason.
     */
    private JobExit runTryingAgainWhileBusy(JobSpec spec, RunningTask task, WarmSandbox sandbox)
            throws TaskFailure, SandboxUnavailable, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return sandbox != null && sandbox.accepts(spec) ? sandbox.run(spec, task::attach)
                        : JobProcess.run(spec, confinement, task::attach);
            } catch (WarmSandbox.Lost lost) {
                LOG.info("{}; the job starts in a fresh one", lost.getMessage());
                sandbox = null;
            } catch (SandboxUnavailable unavailable) {
                throw unavailable;
            } catch (IOException e) {
                String reason = JobProcess.startFailureReason(e);
                if (attempt >= 5 || !(reason.contains("error: 26") || reason.contains("error=26") || reason.contains("text file busy"))) {
                    throw new TaskFailure("cannot execute the app binary: " + reason);
                }
                try {
                    Thread.sleep(20L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new TaskFailure("interrupted before start");
                }
            }
        }
    }

    /** The task cannot run; reported as ERROR with this sentence. */
    private static final class TaskFailure extends Exception {
        TaskFailure(String reason) {
            super(reason);
        }
    }

    /**
     * The server could not give an input (its bytes missing, its storage down, a 5xx, no server
     * reachable): not the job's fault nor this host's, so the task is given back, which re-queues
     * the work without counting a retry or a failure against this host.
     */
    private static final class ServerFault extends Exception {
        ServerFault(String reason) {
            super(reason);
        }
    }

    /** The task is no longer this host's; nothing to report. */
    static class LeaseLost extends Exception {
        LeaseLost(String reason) {
            super(reason);
        }
    }

    /** The server could not be reached in time: the task may still be ours, its result is kept. */
    static final class ServerUnreachable extends LeaseLost {
        ServerUnreachable(String reason) {
            super(reason);
        }
    }

    /**
     * How many next works a finished job may ask for in its result's exchange (protocol 2): the
     * slot it frees, while the worker may take work. None by default.
     */
    public void askForNext(java.util.function.IntSupplier howMany) {
        nextWorks = howMany;
    }

    /**
     * Runs the assignment to its end; returns the works the server handed over with its result
     * (protocol 2, see {@link #askForNext}), to run in the slot this one frees.
     */
    public List<Assignment> run(Assignment assignment) {
        String taskUid = assignment.taskUid();
        if (taskUid == null || !UID.matcher(taskUid).matches() || assignment.binary() == null) {
            LOG.error("dropping an assignment with a bad task UID or no binary: {}", assignment);
            return List.of();
        }
        RunningTask task = running.start(taskUid, assignment.workUid(), assignment.appName());
        long started = System.nanoTime();
        LOG.info("task {} started: work {}, app {}, {} argument(s)", taskUid, assignment.workUid(), assignment.appName(),
                assignment.args().size());
        Path privateDir = null;
        Path scratch = null;
        boolean serverFault = false;
        WarmSandboxes.Lease sandbox = null;
        boolean hostTrouble = false;
        boolean handedOver = false;
        try {
            sandbox = takeSandbox(assignment.ownerKey());
            if (sandbox == null || assignment.stdin() != null) {
                // A kept sandbox keeps the binary and the empty stdin: most jobs need no directory of their own there.
                privateDir = Directories.createPrivate(sandbox == null ? tmpDir : sandbox.sandbox().binRoot(), "xwbin-" + taskUid + "-");
            }
            scratch = Directories.createPrivate(sandbox == null ? tmpDir : sandbox.sandbox().scratchRoot(), "xwjob-" + taskUid + "-");
            List<Assignment> next = execute(assignment, task, privateDir, scratch, started, sandbox == null ? null : sandbox.sandbox());
            synchronized (troublePauses) {
                troublePauses.reset();
            }
            return next;
        } catch (TaskFailure failure) {
            if (task.givenBack()) {
                giveBack(taskUid, stop.stopping() ? "the worker is stopping" : "it stayed suspended longer than the limit");
            } else if (task.cancelled()) {
                LOG.info("task {} cancelled", taskUid);
            } else {
                LOG.warn("task {} ended in ERROR: {}", taskUid, failure.getMessage());
                reportQuietly(taskUid, TaskReport.error(failure.getMessage()));
            }
        } catch (ServerFault fault) {
            LOG.warn("task {} given back: {}", taskUid, fault.getMessage());
            giveBack(taskUid, fault.getMessage());
            serverFault = true;
        } catch (DiskFull full) {
            hostTrouble = givenBackForFullDisk(taskUid, full);
        } catch (SandboxUnavailable unavailable) {
            // This host cannot run any job now; another host runs this work. No retry is counted: the work is not at fault.
            LOG.error("{}; task {} given back to the server (not the job's fault), this slot pauses before asking for more"
                    + " work. Fix the sandbox (e.g. sysctl kernel.unprivileged_userns_clone=1), or set sandbox.enable=false",
                    unavailable.getMessage(), taskUid);
            giveBackQuietly(taskUid);
            hostTrouble = true;
        } catch (ServerUnreachable unreachable) {
            if (pending.holds(taskUid)) {
                // Its lease is the server's to keep alive again once it answers: the task stays registered.
                kept.handOver(task);
                handedOver = true;
                LOG.warn("task {}: result kept, delivered when the server answers again", taskUid);
            } else {
                LOG.warn("task {} dropped: {}; the server will re-queue the work when the lease expires", taskUid,
                        unreachable.getMessage());
            }
        } catch (LeaseLost lost) {
            LOG.warn("task {} dropped: {}", taskUid, lost.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.info("task {} interrupted; the server will re-queue it when its lease expires", taskUid);
        } catch (IOException | RuntimeException e) {
            Optional<DiskFull> full = DiskFull.of(e, tmpDir);
            if (full.isPresent()) {
                hostTrouble = givenBackForFullDisk(taskUid, full.get());
            } else {
                // A fault of this host (a bug), not of the job: let the lease expire so another host runs it.
                LOG.error("task {} abandoned after a worker-side failure; the server will re-queue it", taskUid, e);
            }
        } finally {
            if (!handedOver) {
                running.finish(task);
            }
            pending.discardPart(taskUid);
            boolean removed = deleteQuietly(scratch) & deleteQuietly(privateDir);
            if (sandbox != null) {
                // The next job of the sandbox must find nothing of this one.
                if (!removed) {
                    sandbox.sandbox().close();
                }
                sandbox.close();
            }
        }
        if (serverFault || hostTrouble) {
            // The same work may come straight back while its bytes are out of reach (their server
            // down), and a full disk or a broken sandbox takes a while to fix: this slot waits a
            // little before it asks again, instead of spinning.
            Duration pause;
            synchronized (troublePauses) {
                pause = troublePauses.next();
            }
            stop.pause(pause);
        }
        return List.of();
    }

    private List<Assignment> execute(Assignment a, RunningTask task, Path privateDir, Path scratch, long started,
                                     WarmSandbox sandbox)
            throws TaskFailure, ServerFault, LeaseLost, IOException, InterruptedException {
        String taskUid = a.taskUid();
        Path binary = installBinary(a, privateDir, sandbox);
        Path stdin = a.stdin() == null
                ? sandbox != null ? sandbox.kept().emptyStdin() : Files.createFile(privateDir.resolve("empty-stdin"))
                : fetch(taskUid, a.stdin());
        if (sandbox != null && a.stdin() != null) {
            // A kept sandbox opens the job's stdin itself: it must lie where the sandbox sees it.
            stdin = visibleCopy(stdin, privateDir.resolve("stdin"));
        }
        if (a.env() != null) {
            Path env = fetch(taskUid, a.env());
            try {
                scratchWriter.unpack(env, scratch);
            } catch (IOException e) {
                Optional<DiskFull> full = DiskFull.of(e, scratch);
                if (full.isPresent()) {
                    throw full.get();
                }
                throw new TaskFailure("cannot unpack the env archive: " + e.getMessage());
            }
        }
        ScratchSnapshot before = ScratchSnapshot.take(scratch);
        JobSpec spec = new JobSpec(binary, a.args(), scratch, stdin,
                Map.of("XW_TASKUID", taskUid, "XW_WORKUID", String.valueOf(a.workUid())), timeout);
        if (task.cancelled()) {
            throw new TaskFailure("cancelled before start");
        }
        long freeAtStart = freeSpace.applyAsLong(scratch);
        long prepared = System.nanoTime();
        JobExit exit;
        try {
            exit = runTryingAgainWhileBusy(spec, task, sandbox);
        } finally {
            task.detach(task.process());
        }
        long ran = System.nanoTime();
        if (!task.cancelled() && !exit.timedOut() && interrupted.test(exit)) {
            task.giveBack();
        }
        if (task.cancelled()) {
            throw new TaskFailure("cancelled");
        }
        if (exit.timedOut()) {
            throw new TaskFailure("the job exceeded the wall-clock limit of " + timeout.toSeconds() + " s and was killed");
        }
        // Written where it is kept until the server takes it: no copy between file systems.
        Path zip = pending.partFor(taskUid);
        String sha256;
        try {
            sha256 = scratchWriter.zip(scratch, before, zip).sha256();
        } catch (IOException e) {
            pending.discardPart(taskUid);
            IOException error = DiskFull.orSame(e, pending.dir());
            if (error instanceof DiskFull) {
                Optional<String> blame = JobDiskUse.blame(scratch, freeAtStart);
                if (blame.isPresent()) {
                    throw new TaskFailure(blame.get());
                }
            }
            throw error;
        }
        long size = Files.size(zip);
        PendingResults.Pending kept;
        try {
            kept = pending.keep(taskUid, zip, sha256, exit.exitCode());
        } catch (IOException e) {
            throw DiskFull.orSame(e, pending.dir());
        }
        long packed = System.nanoTime();
        List<Assignment> next = deliver(kept, nextWorks.getAsInt());
        running.completedOne();
        long delivered = System.nanoTime();
        // Where a job's time went, so a slow sweep of short jobs shows whether the worker (inputs,
        // process start, result zip) or the server's answer to the upload is the cost.
        LOG.info("task {} completed with exit code {} after {} s; result {} bytes uploaded (ms: inputs {}, run {}, result {},"
                        + " upload {})", taskUid, exit.exitCode(), Duration.ofNanos(delivered - started).toSeconds(), size,
                millis(prepared - started), millis(ran - prepared), millis(packed - ran), millis(delivered - packed));
        return next;
    }

    /**
     * Uploads a kept result and reports COMPLETED. If the server stays unreachable the result stays
     * kept (the next start of the worker tries again); if the task is no longer ours it is dropped.
     */
    private List<Assignment> deliver(PendingResults.Pending kept, int next) throws LeaseLost, IOException {
        String taskUid = kept.taskUid();
        try {
            if (!kept.uploaded()) {
                // Protocol 2: one call is the upload and the report, and may bring the next works.
                TaskServer.Completion[] completion = new TaskServer.Completion[1];
                TaskResult inline = inline(kept);
                callServer(taskUid, "upload the result", () -> {
                    try {
                        // Protocol 3: a small result goes with those of the other slots ending now.
                        Optional<TaskServer.Completion> batched = inline != null && server.takesBatches()
                                ? uplink.upload(inline, next) : Optional.empty();
                        completion[0] = batched.isPresent() ? batched.get()
                                : server.uploadCompleted(taskUid, kept.zip(), kept.sha256(), kept.exitCode(), next);
                    } catch (XwApiException e) {
                        throw "checksum-mismatch".equals(e.code()) ? damagedOrSame(kept, e) : e;
                    }
                });
                if (completion[0].reported()) {
                    pending.done(taskUid);
                    return completion[0].next();
                }
                pending.uploaded(kept);
            }
            callServer(taskUid, "report the status", () -> server.report(taskUid,
                    new TaskReport(WorkStatus.COMPLETED, kept.exitCode(), null)));
        } catch (ServerUnreachable e) {
            LOG.warn("task {}: result kept in {} for a later attempt", taskUid, kept.zip());
            throw e;
        } catch (KeptResultDamaged e) {
            // Its bytes are gone: the job runs again, here or elsewhere, with no failure counted.
            pending.done(taskUid);
            giveBackQuietly(taskUid);
            throw new IOException(e.getMessage() + "; the work was given back to the server, which runs it again");
        } catch (LeaseLost e) {
            pending.done(taskUid);
            throw e;
        }
        pending.done(taskUid);
        return List.of();
    }

    /**
     * The kept result as a batch carries it (protocol 3), or null when it goes alone, streamed: too
     * large to travel inline, the server taking no batches, or its zip unreadable here (the lone
     * upload then says why).
     */
    private TaskResult inline(PendingResults.Pending kept) {
        if (!server.takesBatches()) {
            return null;
        }
        try {
            if (Files.size(kept.zip()) > ResultBatch.MAX_RESULT_BYTES) {
                return null;
            }
            byte[] zip = Files.readAllBytes(kept.zip());
            return zip.length > ResultBatch.MAX_RESULT_BYTES ? null
                    : new TaskResult(kept.taskUid(), kept.exitCode(), kept.sha256(), zip);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The server received other bytes than the kept result's name declares. Garbled on the way, the
     * upload is worth another try ({@code refusal} is retried); but when the kept zip itself no longer
     * has that SHA-256 (cut short or damaged on this host's disk: a power cut, a disk error, a
     * cleaner), every try sends the same wrong bytes: without this check the worker uploaded it again
     * and again forever, its task kept alive by the heartbeats, and the work never ended.
     */
    private static RuntimeException damagedOrSame(PendingResults.Pending kept, XwApiException refusal) {
        String onDisk;
        try {
            onDisk = InputCache.sha256(kept.zip());
        } catch (IOException e) {
            return new KeptResultDamaged("the result kept in " + kept.zip() + " cannot be read (" + e.getMessage() + ")");
        }
        if (onDisk.equalsIgnoreCase(kept.sha256())) {
            return refusal;
        }
        return new KeptResultDamaged("the result kept in " + kept.zip() + " is damaged (SHA-256 " + onDisk + ", kept as "
                + kept.sha256() + ")");
    }

    /** A kept result whose bytes on this host's disk are no longer those it was kept with. */
    static final class KeptResultDamaged extends RuntimeException {
        KeptResultDamaged(String message) {
            super(message);
        }
    }

    /** How many results wait for a batch on its way to be answered (protocol 3). */
    int resultsWaitingForABatch() {
        return uplink.waiting();
    }

    /** The tasks whose result is kept on disk for a later delivery (their works must not be given back). */
    public List<String> keptResults() {
        try {
            return pending.all().stream().map(PendingResults.Pending::taskUid).toList();
        } catch (IOException e) {
            LOG.warn("cannot read the kept results: {}", e.getMessage());
            return List.of();
        }
    }

    /**
     * One attempt to deliver the results kept on disk: those an earlier run of the worker left and
     * those the server could not take since. Each counts as a running task while it waits, so
     * heartbeats keep its lease alive.
     */
    public void deliverKeptResults() {
        kept.adoptEarlierRun();
        kept.deliverOnce();
    }

    /** Delivers the kept results, with back-off, until the worker stops (the worker's kept-results thread). */
    public void deliverKeptResultsUntilStopped() {
        kept.deliverUntilStopped();
    }

    /**
     * An executable copy the job cannot alter: the cached original is shared by every job. A kept
     * sandbox keeps its copy for the owner's next jobs (it shows it read-only); otherwise the job
     * gets a private one.
     */
    private Path installBinary(Assignment a, Path privateDir, WarmSandbox sandbox)
            throws TaskFailure, ServerFault, LeaseLost, IOException {
        Path cached = fetch(a.taskUid(), a.binary());
        String name = a.appName() == null ? "app" : UNSAFE_IN_FILE_NAME.matcher(a.appName()).replaceAll("_");
        name = name.isEmpty() || name.startsWith(".") ? "app" + name : name;
        if (sandbox != null) {
            try {
                return sandbox.kept().binary(cached, name);
            } catch (IOException e) {
                throw DiskFull.orSame(e, sandbox.binRoot());
            }
        }
        Path bin = Files.createDirectory(privateDir.resolve("bin"));
        Path binary = bin.resolve(name);
        try {
            Files.copy(cached, binary);
        } catch (IOException e) {
            throw DiskFull.orSame(e, bin);
        }
        if (!binary.toFile().setExecutable(true, true)) {
            throw new IOException("cannot make " + binary + " executable");
        }
        return binary;
    }

    private Path fetch(String taskUid, InputRef ref) throws TaskFailure, ServerFault, LeaseLost, IOException {
        if (ref.dataUid() == null || !UID.matcher(ref.dataUid()).matches()) {
            throw new TaskFailure("input '" + ref.name() + "' has an invalid data UID");
        }
        String what = "input '" + ref.name() + "' (data " + ref.dataUid() + ")";
        Backoff backoff = backoffs.get();
        for (int attempt = 1; ; attempt++) {
            try {
                return intoCache(taskUid, ref);
            } catch (DiskFull full) {
                // Not worth another try, nor the job's fault: the task is given back.
                throw full;
            } catch (XwApiException e) {
                if ("input-forbidden".equals(e.code())) {
                    // The work may not run here (e.g. a public job referring private data): the
                    // manual wants it to fail with a clear reason, not to bounce between workers.
                    throw new TaskFailure("cannot download " + what + ": " + e.getMessage());
                }
                if (e.status() == 403 || e.status() == 409) {
                    throw new LeaseLost("the server no longer gives it to this host (HTTP " + e.status() + ")");
                }
                if (e.status() >= 500 || e.status() == 421) {
                    throw new ServerFault("the server could not give " + what + " (HTTP " + e.status() + " " + e.code()
                            + "): " + e.getMessage());
                }
                throw new TaskFailure("cannot download " + what + ": " + e.getMessage());
            } catch (XwConnectException e) {
                // A broken connection is worth another try; a server that stays unreachable is not the job's fault.
                if (attempt >= DOWNLOAD_ATTEMPTS || stop.stopping()) {
                    throw new ServerFault("cannot download " + what + ": " + e.getMessage());
                }
                LOG.warn("task {}: download of {} failed ({}); retrying", taskUid, what, e.getMessage());
                if (!stop.pause(backoff.next())) {
                    throw new TaskFailure("cannot download " + what + ": the worker is stopping");
                }
            } catch (InputForbiddenException e) {
                // Asking again gets the same answer; the message names the rule, never what answered.
                throw new TaskFailure("cannot download " + what + ": " + e.getMessage());
            } catch (InputRejectedException e) {
                // Corrupted bytes in transit are worth another try.
                if (attempt >= DOWNLOAD_ATTEMPTS || stop.stopping()) {
                    throw new TaskFailure("cannot download " + what + ": " + e.getMessage());
                }
                LOG.warn("task {}: download of {} failed ({}); retrying", taskUid, what, e.getMessage());
                if (!stop.pause(backoff.next())) {
                    throw new TaskFailure("cannot download " + what + ": the worker is stopping");
                }
            } catch (IOException e) {
                if (ref.uri() == null) {
                    throw e;
                }
                // an external server failing is like a broken connection: worth another try, then ERROR
                if (attempt >= DOWNLOAD_ATTEMPTS || stop.stopping()) {
                    throw new TaskFailure("cannot download " + what + " from " + ref.uri() + ": " + e.getMessage());
                }
                LOG.warn("task {}: download of {} from {} failed ({}); retrying", taskUid, what, ref.uri(), e.getMessage());
                if (!stop.pause(backoff.next())) {
                    throw new TaskFailure("cannot download " + what + ": the worker is stopping");
                }
            }
        }
    }

    /**
     * The input from the cache, downloaded into it first if need be. A write that failed for want
     * of space is a {@link DiskFull} in the cache, however the download reports it (a connection
     * that "broke off", an unchecked error).
     */
    private Path intoCache(String taskUid, InputRef ref) throws IOException {
        try {
            if (ref.uri() != null) {
                ExternalInput web = external;
                return cache.get(ref, target -> web.download(ref.uri(), ref.size(), target));
            }
            return cache.get(ref, target -> server.downloadInput(taskUid, ref.dataUid(), target));
        } catch (IOException | RuntimeException e) {
            Optional<DiskFull> full = DiskFull.of(e, cache.dir());
            if (full.isPresent()) {
                throw full.get();
            }
            throw e;
        }
    }

    /**
     * A full disk is this host's trouble, not the job's: one line says where, no stack trace, and
     * the work goes back to the server without a failure counted against it or this host (a lease
     * left to expire would count one, and three bench the host). True: the slot should pause.
     */
    private boolean givenBackForFullDisk(String taskUid, DiskFull full) {
        LOG.warn("{}; task {} given back to the server (not the job's fault), this slot pauses before asking for more work",
                full.sentence(), taskUid);
        giveBackQuietly(taskUid);
        return true;
    }

    /** Gives the work back for this host's own trouble; a task no longer ours is simply dropped. */
    private void giveBackQuietly(String taskUid) {
        try {
            callServer(taskUid, "give the work back", () -> server.giveBack(taskUid));
        } catch (LeaseLost lost) {
            LOG.warn("task {}: give-back dropped: {}", taskUid, lost.getMessage());
        }
    }

    private void callServer(String taskUid, String what, Runnable call) throws LeaseLost {
        Backoff backoff = backoffs.get();
        for (int attempt = 1; ; attempt++) {
            try {
                call.run();
                return;
            } catch (XwApiException e) {
                if (noLongerThisHosts(e)) {
                    throw new LeaseLost("the server refused to " + what + " (HTTP " + e.status() + " " + e.code()
                            + "): " + e.getMessage() + "; the lease was probably lost");
                }
                retryOrGiveUp(taskUid, what, attempt, e, backoff);
            } catch (XwConnectException e) {
                retryOrGiveUp(taskUid, what, attempt, e, backoff);
            }
        }
    }

    /**
     * 403 (another host's task), 409 (no longer running here) or 404 {@code task-not-found} (its work
     * was deleted): no try can succeed, the task is dropped. A 404 used to be tried again, then kept
     * until a heartbeat's cancel came. A batch's receipt says these as a lone upload does.
     */
    private static boolean noLongerThisHosts(XwApiException e) {
        return e.status() == 403 || e.status() == 409 || e.status() == 404 && "task-not-found".equals(e.code());
    }

    private void retryOrGiveUp(String taskUid, String what, int attempt, RuntimeException e, Backoff backoff)
            throws LeaseLost {
        if (attempt >= SERVER_ATTEMPTS || stop.stopping()) {
            throw new ServerUnreachable("could not " + what + " after " + attempt + " attempt(s) (" + e.getMessage() + ")");
        }
        Duration delay = backoff.next();
        LOG.warn("task {}: cannot {} ({}); attempt {} of {}, retrying in {} ms", taskUid, what, e.getMessage(), attempt,
                SERVER_ATTEMPTS, delay.toMillis());
        if (!stop.pause(delay)) {
            // Not a lost lease: a result being delivered stays kept for the next start.
            throw new ServerUnreachable("the worker is stopping");
        }
    }

    /** The job was killed before its end (owner back too long, worker stopping): the server re-queues it, no failure counted. */
    private void giveBack(String taskUid, String why) {
        try {
            callServer(taskUid, "give the work back", () -> server.giveBack(taskUid));
            LOG.info("task {} given back to the server: {}", taskUid, why);
        } catch (LeaseLost lost) {
            LOG.warn("task {}: give-back dropped: {}", taskUid, lost.getMessage());
        }
    }

    private void reportQuietly(String taskUid, TaskReport report) {
        try {
            callServer(taskUid, "report the status", () -> server.report(taskUid, report));
        } catch (LeaseLost lost) {
            LOG.warn("task {}: ERROR report dropped: {}", taskUid, lost.getMessage());
        }
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    /** Whether {@code dir} is gone (or never was). */
    private static boolean deleteQuietly(Path dir) {
        if (dir == null) {
            return true;
        }
        try {
            Directories.deleteRecursively(dir);
            return true;
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", dir, e.toString());
            return false;
        }
    }

    /** A kept sandbox of the assignment's owner, or null for a fresh sandbox (or none) of its own. */
    private WarmSandboxes.Lease takeSandbox(String ownerKey) {
        WarmSandboxes kept = warm;
        if (kept == null) {
            return null;
        }
        try {
            return kept.take(ownerKey);
        } catch (IOException e) {
            LOG.warn("cannot start a sandbox to keep ({}); the job gets a fresh one", e.toString());
            return null;
        }
    }

    /** {@code file} at {@code target}: a hard link where the file system allows it, else a copy. */
    private static Path visibleCopy(Path file, Path target) throws IOException {
        try {
            return Files.createLink(target, file);
        } catch (IOException | UnsupportedOperationException e) {
            return Files.copy(file, target);
        }
    }
}
