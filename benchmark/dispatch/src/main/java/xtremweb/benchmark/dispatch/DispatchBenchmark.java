package xtremweb.benchmark.dispatch;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.AppCreate;
import xtremweb.common.wire.AppView;
import xtremweb.common.wire.Assignment;
import xtremweb.common.wire.DataCreate;
import xtremweb.common.wire.DataView;
import xtremweb.common.wire.Heartbeat;
import xtremweb.common.wire.HostCredential;
import xtremweb.common.wire.HostRegistration;
import xtremweb.common.wire.LoginRequest;
import xtremweb.common.wire.TaskReport;
import xtremweb.common.wire.TokenResponse;
import xtremweb.common.wire.WorkRequest;
import xtremweb.common.wire.WorkResponse;
import xtremweb.common.wire.WorkBatch;
import xtremweb.common.wire.WorkBatchResult;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.common.wire.WorkView;
import xtremweb.common.wire.WorkerProtocol;
import xtremweb.common.wire.ResultBatch;
import xtremweb.common.wire.ResultBatchReceipt;
import xtremweb.common.wire.ResultReceipt;
import xtremweb.common.wire.TaskResult;

/**
 * {@code bin/xwbench-dispatch [h2|mariadb ...]}: simulated workers (HTTP clients on virtual
 * threads, not processes) and a submitter drive a real server process over HTTPS through the full
 * life of an empty job: submit, dispatch, result upload, COMPLETED report, result fetched. Prints
 * one table per database. Sizes can be lowered with system properties (-Dbench.jobs=...).
 */
public final class DispatchBenchmark {
    private static final int WORKERS = Integer.getInteger("bench.workers", 200);
    private static final int JOBS = Integer.getInteger("bench.jobs", 20_000);
    private static final int IDLE_JOBS = Integer.getInteger("bench.idle", 100);
    private static final int MANY_HOSTS = Integer.getInteger("bench.hosts", 10_000);
    private static final int DEEP = Integer.getInteger("bench.deep", 100_000);
    private static final int SHALLOW = 1_000;
    // The worker protocol the simulated workers speak: 2 (default) or 1, as older workers do.
    private static final int PROTOCOL = Integer.getInteger("bench.protocol", WorkerProtocol.CURRENT);
    /**
     * Pool slots of each simulated worker ({@code -Dbench.slots=4}): a work request claims that
     * many, and in protocol 3 the results of the works a worker ran together go back in one batch
     * ({@code POST /api/v1/worker/results}) that claims as many next works. 1 by default: one work
     * per worker, as the figures before protocol 3 were measured.
     */
    private static final int SLOTS = Integer.getInteger("bench.slots", 1);
    /** The sweep phase after the one-by-one jobs/s phase ({@link Sweep}); {@code -Dbench.sweep=false} skips it. */
    private static final boolean SWEEP = Boolean.parseBoolean(System.getProperty("bench.sweep", "true"));
    private static final int DEEP_MEASURED = Math.min(10_000, DEEP / 2);
    private final Api api;
    private final String admin;
    private final String worker;
    private final byte[] resultZip;
    private final String resultSha;
    private final ServerProcess server;
    private final Map<String, Long> submittedAt = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> done = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Long> dispatchNanos = new ConcurrentLinkedQueue<>();
    // How long each result upload call took (the idle grid's breakdown).
    private final ConcurrentLinkedQueue<Long> uploadNanos = new ConcurrentLinkedQueue<>();
    private final LinkedBlockingQueue<String> completed = new LinkedBlockingQueue<>();
    private final AtomicInteger failures = new AtomicInteger();

    private DispatchBenchmark(ServerProcess server) throws Exception {
        this.server = server;
        Properties credentials = new Properties();
        try (var in = Files.newInputStream(server.home().resolve("credentials.properties"))) {
            credentials.load(in);
        }
        api = new Api(URI.create("https://localhost:" + server.port()), Path.of(credentials.getProperty("server.certificate")));
        admin = login(credentials, "admin");
        worker = login(credentials, "worker");
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("stdout.txt"));
            z.closeEntry();
        }
        resultZip = zip.toByteArray();
        resultSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(resultZip));
    }

    private String login(Properties credentials, String who) {
        return api.post("/api/v1/login", null, new LoginRequest(credentials.getProperty(who + ".login"),
                credentials.getProperty(who + ".password")), TokenResponse.class).token();
    }

    public static void main(String[] args) throws Exception {
        // Simulated hosts keep idle connections as long as real workers do (XwHttpClient): longer
        // than the back-off the server gives them, so a poll does not pay a new TLS handshake.
        if (System.getProperty("jdk.httpclient.keepalive.timeout") == null) {
            System.setProperty("jdk.httpclient.keepalive.timeout", XwHttpClient.KEEP_ALIVE_SECONDS);
        }
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        List<String> dbs = args.length == 0 ? List.of("h2", "mariadb") : Arrays.asList(args);
        List<String> tables = new ArrayList<>();
        List<String> summary = new ArrayList<>();
        for (String db : dbs) {
            Path dir = Files.createTempDirectory("xwbench-" + db + "-");
            System.out.println("== " + db + ": server in " + dir + " (load " + load() + ")");
            try (ServerProcess server = ServerProcess.start(root, dir, db, 15)) {
                DispatchBenchmark bench = new DispatchBenchmark(server);
                tables.add(bench.run(db));
                summary.add(String.format("XtremWeb %s%s: %.0f jobs/s (%d jobs, %d workers of " + SLOTS + " slot(s), protocol " + PROTOCOL + "); submit-to-result p50 / p99 %s / %s ms, idle grid, warm"
                        + " server (p50 %s ms cold) (load during the run: %s)", db, db.equals("mariadb") ? " (durable commits)" : "",
                        bench.jobsPerSecond, JOBS, WORKERS, ms(bench.idleP50), ms(bench.idleP99), ms(bench.coldP50), bench.loadDuring));
                if (SWEEP) {
                    summary.add(String.format("XtremWeb %s, the same jobs as one sweep (batched submission, results awaited with the"
                            + " long poll): %.0f jobs/s (load during the run: %s)", db, bench.sweepJobsPerSecond, bench.sweepLoad));
                }
                if (db.equals("mariadb") || xtremweb == null) {
                    xtremweb = bench;
                }
            }
        }
        // The peer, side by side in the same run: JPPF with one task per dispatch, as many tasks.
        if (Boolean.parseBoolean(System.getProperty("bench.jppf", "true"))) {
            Optional<Path> script = JppfPeer.script(root);
            if (script.isEmpty()) {
                summary.add("JPPF: not run (no peers/jppf/run.sh beside the checkout; set -Dbench.peers=<dir>)");
            } else {
                System.out.println("== JPPF 6.2, one task per dispatch: " + script.get() + " " + JOBS + " one (load " + load() + ")");
                Optional<JppfPeer.Figures> jppf = JppfPeer.run(script.get(), JOBS);
                String loadAfter = load();
                if (jppf.isEmpty()) {
                    summary.add("JPPF: failed (see above)");
                } else {
                    JppfPeer.Figures f = jppf.get();
                    summary.add(String.format("JPPF 6.2, one task per dispatch: %.0f tasks/s (%d tasks, 4 nodes); submit-to-result p50 / p99"
                            + " %.1f / %.1f ms, 1-task jobs (load after: %s)", f.tasksPerSecond(), JOBS, f.p50Ms(), f.p99Ms(), loadAfter));
                    summary.add(String.format("ratio XtremWeb / JPPF: %.2f (jobs/s over tasks/s)", xtremweb.jobsPerSecond / f.tasksPerSecond()));
                    if (SWEEP) {
                        summary.add(String.format("ratio XtremWeb sweep / JPPF: %.2f (jobs/s over tasks/s)",
                                xtremweb.sweepJobsPerSecond / f.tasksPerSecond()));
                    }
                }
            }
        }
        System.out.println();
        System.out.println("load: " + load() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        tables.forEach(System.out::println);
        System.out.println();
        summary.forEach(System.out::println);
    }

    private static DispatchBenchmark xtremweb;
    private double jobsPerSecond;
    private double sweepJobsPerSecond;
    private String sweepLoad = "";
    private long idleP50;
    private long idleP99;
    private long coldP50;
    private String loadDuring = "";

    /** The load average (1, 5, 15 min) as /proc/loadavg gives it: the machine is shared, figures need it beside them. */
    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private String run(String db) throws Exception {
        String binary = upload("empty.sh", "#!/bin/sh\n".getBytes());
        api.post("/api/v1/apps", admin, new AppCreate("empty", "x86_64", "Linux", binary), AppView.class);
        StringBuilder table = new StringBuilder("\n| " + db + " | measured | target |\n|---|---|---|\n");

        List<String> hosts = register(WORKERS);
        try (Workers w = new Workers(hosts, 20)) {
            // Idle grid: one job at a time, every worker long-polling; first on the server just
            // started (cold: its JIT has compiled nothing yet), again once the throughput phase
            // has warmed it, as a server that has run for a while is.
            long[] cold = idle(table, "cold server");
            completed.clear();

            // Throughput: JOBS empty jobs through their whole life with WORKERS simulated workers.
            CpuSplit cpuSplit = CpuSplit.start(server, db);
            Optional<DbStatements> statements = DbStatements.start(server.mariaDbUrl());
            GroupCommits groupsBefore = GroupCommits.read(api, admin);
            long t0 = System.nanoTime();
            int fetchers = 16;
            ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
            CountDownLatch fetched = new CountDownLatch(JOBS);
            for (int f = 0; f < fetchers; f++) {
                pool.submit(() -> {
                    while (fetched.getCount() > 0) {
                        String uid = completed.poll(1, TimeUnit.SECONDS);
                        if (uid != null) {
                            fetchResult(uid);
                            fetched.countDown();
                        }
                    }
                    return null;
                });
            }
            int submitters = 16;
            AtomicInteger left = new AtomicInteger(JOBS);
            for (int s = 0; s < submitters; s++) {
                pool.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        submit();
                    }
                    return null;
                });
            }
            fetched.await(30, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = cpuSplit.server();
            String cpuPerJob = cpuSplit.perJob(JOBS);
            jobsPerSecond = JOBS / seconds;
            loadDuring = load();
            pool.shutdownNow();
            List<Long> dispatch = drain(dispatchNanos);
            row(table, "jobs/s, " + JOBS + " empty jobs, " + WORKERS + " workers of " + SLOTS + " slot(s), 16 submitters", String.format("%.0f", JOBS / seconds),
                    db.equals("mariadb") ? ">= 1,000" : "");
            row(table, "dispatch latency under load, p50 / p99", ms(pct(dispatch, 50)) + " / " + ms(pct(dispatch, 99)) + " ms", "");
            row(table, "server CPU seconds per job", String.format("%.5f", cpu / JOBS), "");
            row(table, "CPU per job: " + CpuSplit.PARTS, cpuPerJob, "");
            if (statements.isPresent()) {
                row(table, "MariaDB statements per job", statements.get().perJob(JOBS), "");
            }
            row(table, "group commits", GroupCommits.read(api, admin).since(groupsBefore), "");
            row(table, "server peak heap so far", server.peakHeapMb() + " MB", "");
            completed.clear();
            long[] warm = idle(table, "warm server");
            idleP50 = warm[0];
            idleP99 = warm[1];
            coldP50 = cold[0];

            // Beside it, never instead of it: the same jobs as a scientist's sweep (batched
            // submission, results awaited with the long poll), same workers.
            if (SWEEP) {
                completed.clear();
                CpuSplit sweepSplit = CpuSplit.start(server, db);
                Optional<DbStatements> sweepStatements = DbStatements.start(server.mariaDbUrl());
                GroupCommits sweepGroupsBefore = GroupCommits.read(api, admin);
                Sweep sweep = new Sweep(api, admin, resultZip.length, failures);
                double sweepSeconds = sweep.run("empty", JOBS);
                double sweepCpu = sweepSplit.server();
                String sweepPerJob = sweepSplit.perJob(JOBS);
                sweepJobsPerSecond = JOBS / sweepSeconds;
                sweepLoad = load();
                row(table, "jobs/s, sweep: " + JOBS + " jobs by batch of up to " + WorkBatch.MAX_JOBS + ", " + Sweep.WAITERS
                        + " clients awaiting results with the long poll, results fetched "
                        + (Sweep.BATCH_FETCH ? "together (POST /datas/contents)" : "one by one"),
                        String.format("%.0f", sweepJobsPerSecond), "");
                row(table, "server CPU seconds per job, sweep", String.format("%.5f", sweepCpu / JOBS), "");
                row(table, "CPU per job, sweep: " + CpuSplit.PARTS, sweepPerJob, "");
                if (sweepStatements.isPresent()) {
                    row(table, "MariaDB statements per job, sweep", sweepStatements.get().perJob(JOBS), "");
                }
                row(table, "group commits, sweep", GroupCommits.read(api, admin).since(sweepGroupsBefore), "");
                row(table, "sweep: calls waiting for results per job (POST /works/await; was at least 1)",
                        String.format("%.3f", (double) sweep.awaitCalls() / JOBS), "");
                row(table, "sweep: calls fetching result contents per job (was 1)",
                        String.format("%.3f", (double) sweep.contentCalls() / JOBS), "");
                drain(dispatchNanos);
                done.clear();
            }
        }
        completed.clear();

        // Many hosts: MANY_HOSTS hosts heartbeating and asking for work (no long poll: they follow
        // the back-off the server gives), while a trickle of jobs is submitted.
        manyHosts(table);

        // Queue depth, last since the deep queue is not run out: the dispatch rate with 1,000 then
        // DEEP works queued before the workers ask.
        if (DEEP > 0) {
            try (Workers w = new Workers(hosts, 20)) {
                w.pause();
                double shallow = drainRate(w, SHALLOW, SHALLOW, true);
                double deep = drainRate(w, DEEP, DEEP_MEASURED, false);
                row(table, "dispatch+complete rate, " + SHALLOW + " queued", String.format("%.0f jobs/s", shallow), "");
                row(table, "dispatch+complete rate, " + DEEP + " queued (first " + DEEP_MEASURED + ")",
                        String.format("%.0f jobs/s (%+.0f%%)", deep, 100 * (deep - shallow) / shallow), "within 20%");
            }
        }
        row(table, "server peak heap (whole run)", server.peakHeapMb() + " MB", "< 1 GB");
        row(table, "failed calls", String.valueOf(failures.get()), "0");
        return table.toString();
    }

    private void manyHosts(StringBuilder table) throws Exception {
        long r0 = System.nanoTime();
        List<String> hosts = register(MANY_HOSTS);
        double regSeconds = (System.nanoTime() - r0) / 1e9;
        ConcurrentLinkedQueue<Long> latency = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger ran = new AtomicInteger();
        long runFor = Long.getLong("bench.hostsSeconds", 60) * 1_000_000_000L;
        // Hosts of a real grid start over minutes, not all in the same second: each one's first
        // call comes at a random time within the ramp, and latencies count once the ramp is over.
        long ramp = Long.getLong("bench.hostsRamp", 60) * 1_000_000_000L;
        AtomicBoolean measuring = new AtomicBoolean();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        for (String token : hosts) {
            pool.submit(() -> {
                Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(Math.max(1, ramp / 1_000_000)));
                long nextBeat = System.nanoTime();
                while (!stop.get()) {
                    try {
                        if (System.nanoTime() >= nextBeat) {
                            api.post("/api/v1/worker/heartbeat", token, new Heartbeat(List.of()), Map.class);
                            nextBeat = System.nanoTime() + 15_000_000_000L;
                        }
                        long t = System.nanoTime();
                        boolean counted = measuring.get();
                        WorkResponse r = api.post("/api/v1/worker/workrequest", token, new WorkRequest(0), WorkResponse.class);
                        if (counted) {
                            latency.add(System.nanoTime() - t);
                        }
                        if (r.assignment() != null) {
                            complete(token, r.assignment(), false);
                            ran.incrementAndGet();
                            continue;
                        }
                        Thread.sleep(r.retryAfterSeconds() * 1000L);
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        Thread.sleep(1000);
                    }
                }
                return null;
            });
        }
        Thread.sleep(ramp / 1_000_000);
        measuring.set(true);
        long end = System.nanoTime() + runFor;
        int trickle = 0;
        while (System.nanoTime() < end) {
            submit();
            trickle++;
            Thread.sleep(100);
        }
        stop.set(true);
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.SECONDS);
        List<Long> l = new ArrayList<>(latency);
        row(table, "hosts registered and polling", hosts.size() + " (registered in " + String.format("%.0f", regSeconds) + " s)", "10,000");
        row(table, "work requests answered while " + hosts.size() + " hosts poll (after a " + ramp / 1_000_000_000L + " s ramp)",
                l.size() + " in " + runFor / 1_000_000_000L + " s; " + ran.get() + " of " + trickle + " trickled jobs run", "");
        row(table, "work-request latency, " + hosts.size() + " hosts, p50 / p99", ms(pct(l, 50)) + " / " + ms(pct(l, 99)) + " ms", "p99 < 100 ms");
    }

    /** Queues {@code queued} works with the workers paused, then times how fast the first {@code measured} complete. */
    private double drainRate(Workers w, int queued, int measured, boolean runOut) throws Exception {
        // Queued through the batch API (10,000 works a request): 100,000 single submissions would
        // take longer than the measurement itself.
        for (int left = queued; left > 0; left -= WorkBatch.MAX_JOBS) {
            List<WorkBatch.Job> jobs = new ArrayList<>();
            for (int i = 0; i < Math.min(left, WorkBatch.MAX_JOBS); i++) {
                jobs.add(new WorkBatch.Job(List.of(), null));
            }
            api.post("/api/v1/works/batch", admin, new WorkBatch(new WorkSubmit("empty", List.of(), null, null, null), jobs),
                    WorkBatchResult.class);
        }
        completed.clear();
        w.completedCount.set(0);
        long t0 = System.nanoTime();
        w.resume();
        while (w.completedCount.get() < measured) {
            Thread.sleep(5);
        }
        double rate = measured / ((System.nanoTime() - t0) / 1e9);
        // Let the rest run out before the next phase (the deepest queue is the last phase).
        while (runOut && w.completedCount.get() < queued) {
            Thread.sleep(50);
        }
        w.pause();
        completed.clear();
        submittedAt.clear();
        dispatchNanos.clear();
        return rate;
    }

    private List<String> register(int n) throws Exception {
        List<String> tokens = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(16);
        AtomicInteger next = new AtomicInteger();
        List<java.util.concurrent.Future<?>> all = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            all.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    tokens.add(api.post("/api/v1/worker/register", worker, new HostRegistration(null, "sim-" + i, "Linux",
                            "x86_64", 4, 8L << 30, "21", 100L << 30, 3000), HostCredential.class).hostToken());
                }
                return null;
            }));
        }
        for (var f : all) {
            f.get();
        }
        pool.shutdown();
        return tokens;
    }

    /** Simulated workers: each long-polls, uploads an empty result and reports COMPLETED. */
    private final class Workers implements AutoCloseable {
        private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        private final AtomicBoolean stop = new AtomicBoolean();
        private volatile CountDownLatch gate = new CountDownLatch(0);
        final AtomicInteger completedCount = new AtomicInteger();
        private final AtomicInteger polling = new AtomicInteger();

        Workers(List<String> tokens, int waitSeconds) {
            for (String token : tokens) {
                pool.submit(() -> {
                    while (!stop.get()) {
                        gate.await();
                        polling.incrementAndGet();
                        try {
                            WorkRequest ask = SLOTS > 1 ? new WorkRequest(waitSeconds, SLOTS) : new WorkRequest(waitSeconds);
                            WorkResponse r = api.post("/api/v1/worker/workrequest", token, ask, WorkResponse.class);
                            // Protocol 2: each result upload brings the next work while there is
                            // one, so a busy worker makes one call per job; protocol 3: one call
                            // per batch of the works it ran together.
                            for (List<Assignment> held = r.all(); !held.isEmpty(); ) {
                                int n = held.size();
                                held = completeAll(token, held, gate.getCount() == 0);
                                completedCount.addAndGet(n);
                            }
                        } catch (RuntimeException e) {
                            if (!stop.get()) {
                                failures.incrementAndGet();
                                System.err.println("worker call failed: " + e.getMessage());
                                Thread.sleep(500);
                            }
                        } finally {
                            polling.decrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }

        /** Stops new work requests and waits for the long polls under way to return (at most their wait). */
        void pause() throws InterruptedException {
            gate = new CountDownLatch(1);
            long until = System.nanoTime() + 30_000_000_000L;
            while (polling.get() > 0 && System.nanoTime() < until) {
                Thread.sleep(50);
            }
        }

        void resume() {
            gate.countDown();
        }

        @Override
        public void close() {
            stop.set(true);
            gate.countDown();
            pool.shutdownNow();
        }
    }

    /**
     * The results of the works a worker held, all run: in protocol 3 one batch that also claims as
     * many next works when {@code more}; before, each uploaded on its own. Returns the next works.
     */
    private List<Assignment> completeAll(String token, List<Assignment> held, boolean more) {
        if (PROTOCOL < WorkerProtocol.V3) {
            List<Assignment> next = new ArrayList<>();
            for (Assignment a : held) {
                Assignment n = complete(token, a, more);
                if (n != null) {
                    next.add(n);
                }
            }
            return next;
        }
        List<TaskResult> results = new ArrayList<>(held.size());
        for (Assignment a : held) {
            dispatched(a);
            results.add(new TaskResult(a.taskUid(), 0, resultSha, resultZip));
        }
        long uploadStarted = System.nanoTime();
        ResultBatchReceipt receipt = api.post("/api/v1/worker/results", token, new ResultBatch(results, more ? SLOTS : null),
                ResultBatchReceipt.class);
        uploadNanos.add(System.nanoTime() - uploadStarted);
        for (int i = 0; i < held.size(); i++) {
            if (!receipt.receipts().get(i).recorded()) {
                failures.incrementAndGet();
                System.err.println("result refused: " + receipt.receipts().get(i).problem());
            }
            finished(held.get(i));
        }
        return receipt.next() == null ? List.of() : receipt.next().all();
    }

    private void dispatched(Assignment a) {
        Long submitted = submittedAt.remove(a.workUid());
        if (submitted != null) {
            dispatchNanos.add(System.nanoTime() - submitted);
        }
    }

    private void finished(Assignment a) {
        completed.add(a.workUid());
        done.computeIfAbsent(a.workUid(), k -> new CompletableFuture<>()).complete(null);
    }

    /**
     * Uploads the result and reports COMPLETED: two calls in protocol 1, one in protocol 2, which
     * also asks for the next work when {@code more}; returns that work, if any.
     */
    private Assignment complete(String token, Assignment a, boolean more) {
        dispatched(a);
        Assignment next = null;
        long uploadStarted = System.nanoTime();
        if (PROTOCOL >= WorkerProtocol.V2) {
            ResultReceipt receipt = api.put("/api/v1/worker/tasks/" + a.taskUid() + "/result?exitCode=0" + (more ? "&next=1" : ""),
                    token, resultZip, ResultReceipt.class);
            next = receipt.next() == null ? null : receipt.next().assignment();
        } else {
            api.put("/api/v1/worker/tasks/" + a.taskUid() + "/result", token, resultZip, DataView.class);
            api.postNoContent("/api/v1/worker/tasks/" + a.taskUid() + "/status", token, new TaskReport(WorkStatus.COMPLETED, 0, null));
        }
        uploadNanos.add(System.nanoTime() - uploadStarted);
        finished(a);
        return next;
    }

    /** One job at a time on the idle grid: prints the submit-to-result p50 / p99 and where it goes; returns both. */
    private long[] idle(StringBuilder table, String when) throws Exception {
        List<Long> idle = new ArrayList<>();
        List<Long> submitCalls = new ArrayList<>();
        List<Long> fetchCalls = new ArrayList<>();
        drain(dispatchNanos);
        drain(uploadNanos);
        for (int i = 0; i < IDLE_JOBS; i++) {
            long t0 = System.nanoTime();
            String uid = submit();
            long submitted = System.nanoTime();
            done.computeIfAbsent(uid, k -> new CompletableFuture<>()).get(60, TimeUnit.SECONDS);
            long uploaded = System.nanoTime();
            fetch(uid);
            long fetched = System.nanoTime();
            idle.add(fetched - t0);
            submitCalls.add(submitted - t0);
            fetchCalls.add(fetched - uploaded);
        }
        List<Long> dispatch = drain(dispatchNanos);
        List<Long> uploads = drain(uploadNanos);
        row(table, "submit-to-result, idle grid, " + when + ", p50 / p99", ms(pct(idle, 50)) + " / " + ms(pct(idle, 99)) + " ms",
                "p50 < 10 ms");
        row(table, "dispatch latency, idle grid, " + when + ", p50 / p99", ms(pct(dispatch, 50)) + " / " + ms(pct(dispatch, 99)) + " ms", "");
        // Where the time goes, call by call (p50 each); what the sum lacks is the wake-ups (the
        // long-polling worker's, the submitter's).
        row(table, "idle grid, " + when + ", p50 per step: submit call / submit answer to worker holding the work / result upload"
                + " call / work read + result download", ms(pct(submitCalls, 50)) + " / " + ms(pct(dispatch, 50)) + " / "
                + ms(pct(uploads, 50)) + " / " + ms(pct(fetchCalls, 50)) + " ms", "");
        return new long[] {pct(idle, 50), pct(idle, 99)};
    }

    private String submit() {
        long t = System.nanoTime();
        WorkView w = api.post("/api/v1/works", admin, new WorkSubmit("empty", List.of(), null, null, null), WorkView.class);
        // Dispatch latency counts from the submission's answer: the work is durable from then on.
        submittedAt.putIfAbsent(w.uid(), t);
        return w.uid();
    }

    private void fetch(String uid) throws Exception {
        done.computeIfAbsent(uid, k -> new CompletableFuture<>()).get(60, TimeUnit.SECONDS);
        done.remove(uid);
        fetchResult(uid);
    }

    private void fetchResult(String uid) {
        WorkView w = api.get("/api/v1/works/" + uid, admin, WorkView.class);
        if (w.status() != WorkStatus.COMPLETED) {
            failures.incrementAndGet();
            return;
        }
        byte[] zip = api.getBytes("/api/v1/datas/" + w.resultDataUid() + "/content", admin);
        if (zip.length != resultZip.length) {
            failures.incrementAndGet();
        }
        done.remove(uid);
    }

    private String upload(String name, byte[] content) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        DataView data = api.post("/api/v1/datas", admin, new DataCreate(name, null, null, null, (long) content.length, sha, null),
                DataView.class);
        api.put("/api/v1/datas/" + data.uid() + "/content", admin, content, DataView.class);
        return data.uid();
    }

    private static List<Long> drain(ConcurrentLinkedQueue<Long> q) {
        List<Long> out = new ArrayList<>();
        for (Long v = q.poll(); v != null; v = q.poll()) {
            out.add(v);
        }
        return out;
    }

    private static long pct(List<Long> values, int p) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static String ms(long nanos) {
        return nanos < 0 ? "n/a" : String.format("%.1f", nanos / 1e6);
    }

    private static void row(StringBuilder table, String what, String measured, String target) {
        String line = "| " + what + " | " + measured + " | " + target + " |";
        System.out.println(line);
        table.append(line).append('\n');
    }
}
