package xtremweb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.http.PinnedTrust;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.model.TaskStatus;
import xtremweb.common.model.UserRights;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.AppCreate;
import xtremweb.common.wire.AppView;
import xtremweb.common.wire.DataCreate;
import xtremweb.common.wire.DataView;
import xtremweb.common.wire.HostCredential;
import xtremweb.common.wire.HostRegistration;
import xtremweb.common.wire.LoginRequest;
import xtremweb.common.wire.Replication;
import xtremweb.common.wire.TaskReport;
import xtremweb.common.wire.TaskView;
import xtremweb.common.wire.TokenResponse;
import xtremweb.common.wire.UserCreate;
import xtremweb.common.wire.UserView;
import xtremweb.common.wire.WorkRequest;
import xtremweb.common.wire.WorkResponse;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.common.wire.WorkView;

/**
 * The promise of the grid with real processes: workers killed with SIGKILL mid-run and the server
 * killed with SIGKILL and restarted, and still every work ends COMPLETED exactly once with its own
 * result; two servers on one MariaDB never give one work to two hosts.
 */
class FaultToleranceEndToEndTest {
    private static final int JOBS = Integer.getInteger("xw.e2e.faultJobs", 1000);
    private static final int SHARED_DB_JOBS = Integer.getInteger("xw.e2e.sharedDbJobs", 5000);
    @TempDir
    Path tmp;

    @Test
    void everyJobCompletesExactlyOnceThoughTwoWorkersAndTheServerAreKilled() throws Exception {
        try (Deployment grid = Deployment.create(tmp, "h2")) {
            grid.startServer();
            XwHttpClient admin = admin(grid, grid.port(), Path.of(grid.credential("server.certificate")));
            Path binary = Deployment.SOURCE_ROOT.resolve("apptest/target/apptest");
            String binaryUid = upload(admin, "apptest", Files.readAllBytes(binary));
            admin.post("/api/v1/apps", new AppCreate("apptest", System.getProperty("os.arch"), "linux", binaryUid), AppView.class);
            List<Daemon> workers = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                workers.add(grid.startWorker("worker" + i, 2));
            }
            List<String> works = submitAll(admin, JOBS, i -> new WorkSubmit("apptest", List.of("job " + i), "fault-" + i, null, null));

            awaitCompleted(admin, JOBS / 4);
            workers.get(0).kill();
            workers.get(1).kill();
            awaitCompleted(admin, JOBS / 2);
            grid.server().kill();
            grid.restartServer();
            admin = admin(grid, grid.port(), Path.of(grid.credential("server.certificate")));

            XwHttpClient after = admin;
            Awaitility.await("all works final").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> works(after).values().stream().allMatch(w -> w.status().isFinal()));
            Map<String, WorkView> byUid = works(after);
            assertThat(byUid.keySet()).containsExactlyInAnyOrderElementsOf(works);
            assertThat(byUid.values()).allSatisfy(w -> assertThat(w.status()).as(w.uid() + " " + w.errorMessage())
                    .isEqualTo(WorkStatus.COMPLETED));
            // apptest exits 0: another code means the job did not run as asked (a sandbox that
            // could not start it once passed for a job that exited 1).
            assertThat(byUid.values()).allSatisfy(w -> assertThat(w.exitCode()).as("exit code of " + w.uid()).isZero());
            for (int i = 0; i < works.size(); i++) {
                WorkView w = byUid.get(works.get(i));
                Path zip = tmp.resolve("result-" + i + ".zip");
                after.download("/api/v1/datas/" + w.resultDataUid() + "/content", zip);
                assertThat(entry(Files.readAllBytes(zip), "stdout.txt")).as("stdout of job %d", i)
                        .isEqualTo("apptest args: [job " + i + "]\n");
            }
            // Exactly once: one task per work reported its end (DONE); the others were LOST.
            List<TaskView> tasks = after.get("/api/v1/tasks", new TypeReference<List<TaskView>>() { });
            Map<String, Long> done = tasks.stream().filter(t -> t.status() == TaskStatus.DONE)
                    .collect(Collectors.groupingBy(TaskView::workUid, Collectors.counting()));
            assertThat(done.keySet()).containsExactlyInAnyOrderElementsOf(works);
            assertThat(done.values()).allMatch(n -> n == 1);
            assertThat(tasks.stream().filter(t -> t.status() == TaskStatus.LOST).count())
                    .as("the killed workers' tasks were lost and redone").isPositive();
        }
    }

    /**
     * A volunteer's job ends while the server is down for longer than a lease and longer than the
     * worker's upload attempts (an upgrade, say): the worker keeps the result and delivers it once
     * the server is back, and the server, which gives every running task a whole lease as it
     * starts, takes it. The work is computed once: one task, DONE, none lost, no retry.
     */
    @Test
    void aResultComputedWhileTheServerWasDownIsDeliveredNotComputedAgain() throws Exception {
        try (Deployment grid = Deployment.create(tmp, "h2")) {
            grid.startServer();
            Path pem = Path.of(grid.credential("server.certificate"));
            XwHttpClient admin = admin(grid, grid.port(), pem);
            String binaryUid = upload(admin, "apptest", Files.readAllBytes(Deployment.SOURCE_ROOT.resolve("apptest/target/apptest")));
            admin.post("/api/v1/apps", new AppCreate("apptest", System.getProperty("os.arch"), "linux", binaryUid), AppView.class);
            Daemon worker = grid.startWorker("patient", 1);
            String marker = "through-a-restart-" + java.util.UUID.randomUUID();
            String work = submitAll(admin, 1, i -> new WorkSubmit("apptest", List.of("-s", "4", marker), "kept", null, null)).get(0);
            // The job's own process, not only the work's status: a claim seen RUNNING may not have
            // fetched its binary yet, and a server killed then has nothing kept to deliver.
            Awaitility.await("the job running").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50))
                    .until(() -> processNaming(marker));

            grid.server().kill();
            // Longer than a lease (6 s here) and than the worker's five upload attempts.
            Awaitility.await("the worker keeping the result").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                    .until(() -> worker.output().contains("result kept, delivered when the server answers again"));
            Thread.sleep(Duration.ofSeconds(8));
            grid.restartServer();
            XwHttpClient after = admin(grid, grid.port(), pem);

            Awaitility.await("the work completed").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> works(after).get(work).status().isFinal());
            WorkView done = works(after).get(work);
            assertThat(done.status()).as(done.errorMessage()).isEqualTo(WorkStatus.COMPLETED);
            assertThat(done.retries()).as("computed once").isZero();
            Path zip = tmp.resolve("kept.zip");
            after.download("/api/v1/datas/" + done.resultDataUid() + "/content", zip);
            assertThat(entry(Files.readAllBytes(zip), "stdout.txt")).startsWith("apptest args: [-s] [4] [" + marker + "]");
            List<TaskView> tasks = after.get("/api/v1/tasks", new TypeReference<List<TaskView>>() { });
            assertThat(tasks).filteredOn(t -> t.workUid().equals(work)).singleElement()
                    .satisfies(t -> assertThat(t.status()).isEqualTo(TaskStatus.DONE));
            assertThat(worker.output()).contains("kept result delivered");
        }
    }

    /**
     * Issue 14: works certified by a quorum of 2 while the server is SIGKILLed twice mid-run, when
     * copies are reporting and being validated: every work still ends COMPLETED with its true
     * result, was certified exactly once (exactly two VALID copies; in all the server runs' logs at
     * most one "certified" line each, a kill losing at most one line written after its commit), and no reported result was lost.
     */
    /** How many times the server is SIGKILLed while copies are being validated. */
    private static final int KILLS = 2;

    @Test
    void replicatedWorksAreCertifiedExactlyOnceThoughTheServerIsKilledDuringValidation() throws Exception {
        int jobs = Integer.getInteger("xw.e2e.certifiedFaultJobs", 120);
        try (Deployment grid = Deployment.create(tmp, "h2")) {
            grid.startServer();
            Path pem = Path.of(grid.credential("server.certificate"));
            XwHttpClient admin = admin(grid, grid.port(), pem);
            String binaryUid = upload(admin, "apptest", Files.readAllBytes(Deployment.SOURCE_ROOT.resolve("apptest/target/apptest")));
            admin.post("/api/v1/apps", new AppCreate("apptest", System.getProperty("os.arch"), "linux", binaryUid, null,
                    new Replication(2, null, null, null, null)), AppView.class);
            for (int i = 1; i <= 3; i++) {
                admin.post("/api/v1/users", new UserCreate("volunteer" + i, "volunteer-pw-" + i, null, UserRights.WORKER_USER,
                        null, null), UserView.class);
                grid.startWorker("volunteer" + i, 2, "volunteer" + i, "volunteer-pw-" + i);
            }
            List<String> works = submitAll(admin, jobs, i -> new WorkSubmit("apptest", List.of("job " + i), "certified-" + i, null, null));
            for (int kill = 1; kill <= KILLS; kill++) {
                awaitCompleted(admin, kill * jobs / 4);
                grid.server().kill();
                grid.restartServer();
                admin = admin(grid, grid.port(), pem);
            }
            XwHttpClient after = admin;
            try {
                Awaitility.await("all works final").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> works(after).values().stream().allMatch(w -> w.status().isFinal()));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError(e.getMessage() + "\n" + unfinished(after, grid), e);
            }
            Map<String, WorkView> byUid = works(after);
            assertThat(byUid.keySet()).containsExactlyInAnyOrderElementsOf(works);
            for (int i = 0; i < works.size(); i++) {
                WorkView w = byUid.get(works.get(i));
                assertThat(w.status()).as(w.uid() + " " + w.errorMessage()).isEqualTo(WorkStatus.COMPLETED);
                assertThat(w.exitCode()).as("exit code of " + w.uid()).isZero();
                Path zip = tmp.resolve("certified-" + i + ".zip");
                after.download("/api/v1/datas/" + w.resultDataUid() + "/content", zip);
                assertThat(entry(Files.readAllBytes(zip), "stdout.txt")).isEqualTo("apptest args: [job " + i + "]\n");
            }
            List<TaskView> tasks = after.get("/api/v1/tasks", new TypeReference<List<TaskView>>() { });
            Map<String, Long> valid = tasks.stream().filter(t -> t.status() == TaskStatus.DONE && "VALID".equals(t.verdict()))
                    .collect(Collectors.groupingBy(TaskView::workUid, Collectors.counting()));
            assertThat(valid.keySet()).containsExactlyInAnyOrderElementsOf(works);
            assertThat(valid.values()).allMatch(n -> n == 2);
            String logs;
            try (var runs = Files.list(grid.dir())) {
                StringBuilder all = new StringBuilder();
                for (Path run : runs.filter(d -> d.getFileName().toString().startsWith("run-server")).toList()) {
                    all.append(Files.readString(run.resolve("server.out")));
                }
                logs = all.toString();
            }
            // The database above is the proof of exactly once. The log can only fall short of it:
            // the "certified" line is written after the commit, so a SIGKILL between the two loses
            // the line of a certification that did happen (at most one per kill), and never writes
            // one that did not.
            int logged = 0;
            for (String uid : works) {
                int lines = logs.split("work " + uid + " certified", -1).length - 1;
                assertThat(lines).as("certifications of " + uid + " in the logs").isLessThanOrEqualTo(1);
                logged += lines;
            }
            assertThat(logged).as("works whose certification is in the logs").isGreaterThanOrEqualTo(works.size() - KILLS);
        }
    }

    @Test
    void twoServersOnOneMariaDbNeverGiveAWorkToTwoHosts() throws Exception {
        assumeTrue(Deployment.mariaDbUrl() != null && !Deployment.mariaDbUrl().isBlank(), "XW_TEST_MARIADB_URL is not set");
        // 5,000 works through two servers as fast as the simulated hosts go: the servers' JIT pays for itself.
        try (Deployment grid = Deployment.create(tmp, "mariadb").atPeakSpeed()) {
            grid.startServer();
            int otherPort = grid.startAnotherServer("server-b");
            XwHttpClient adminA = admin(grid, grid.port(), Path.of(grid.credential("server.certificate")));
            Path pemB = tmp.resolve("server-b/keystore/xwserver.pem");
            String binaryUid = upload(adminA, "empty", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
            adminA.post("/api/v1/apps", new AppCreate("empty", "x86_64", "Linux", binaryUid), AppView.class);

            // Simulated hosts, half on each server, each completing what it gets as fast as it can.
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger completed = new AtomicInteger();
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            byte[] result = emptyZip();
            Path resultFile = Files.write(tmp.resolve("result.zip"), result);
            ExecutorService hosts = Executors.newVirtualThreadPerTaskExecutor();
            for (int h = 0; h < 16; h++) {
                boolean onA = h % 2 == 0;
                XwHttpClient user = admin(grid, onA ? grid.port() : otherPort,
                        onA ? Path.of(grid.credential("server.certificate")) : pemB, "worker");
                HostCredential cred = user.post("/api/v1/worker/register",
                        new HostRegistration(null, "sim-" + h, "Linux", "x86_64", 2, 1L << 30, "21"), HostCredential.class);
                XwHttpClient host = new XwHttpClient(user.base(), PinnedTrust.readPem(onA ? Path.of(grid.credential("server.certificate")) : pemB));
                host.token(cred.hostToken());
                // Both worker protocols on both servers: protocol 1 (one work a request, upload then
                // report) and protocol 2 (two works a claim, the upload is the report and brings the next).
                boolean protocol2 = h % 4 >= 2;
                hosts.submit(() -> {
                    while (!stop.get()) {
                        try {
                            if (!protocol2) {
                                WorkResponse r = host.postWaiting("/api/v1/worker/workrequest", new WorkRequest(1), WorkResponse.class,
                                        Duration.ofSeconds(10));
                                if (r.assignment() != null) {
                                    String task = r.assignment().taskUid();
                                    host.upload("/api/v1/worker/tasks/" + task + "/result", resultFile, Map.of(), DataView.class);
                                    host.postNoContent("/api/v1/worker/tasks/" + task + "/status", new TaskReport(WorkStatus.COMPLETED, 0, null));
                                    completed.incrementAndGet();
                                }
                                continue;
                            }
                            java.util.ArrayDeque<xtremweb.common.wire.Assignment> held = new java.util.ArrayDeque<>(host.postWaiting(
                                    "/api/v1/worker/workrequest", new WorkRequest(1, 2), WorkResponse.class, Duration.ofSeconds(10)).all());
                            while (!held.isEmpty()) {
                                String task = held.poll().taskUid();
                                xtremweb.common.wire.ResultReceipt receipt = host.upload("/api/v1/worker/tasks/" + task
                                        + "/result?exitCode=0" + (held.isEmpty() && !stop.get() ? "&next=1" : ""), resultFile, Map.of(),
                                        xtremweb.common.wire.ResultReceipt.class);
                                completed.incrementAndGet();
                                if (receipt.next() != null) {
                                    held.addAll(receipt.next().all());
                                }
                            }
                        } catch (RuntimeException e) {
                            failures.add(e);
                        }
                    }
                    return null;
                });
            }
            List<String> works = submitAll(adminA, SHARED_DB_JOBS, i -> new WorkSubmit("empty", List.of(String.valueOf(i)), null, null, null));
            Awaitility.await("all works completed").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> completed.get() >= works.size());
            stop.set(true);
            hosts.shutdown();

            assertThat(failures).as("failed calls; the servers' errors:%n%s", serverErrors(grid)).isEmpty();
            String url = mariaDbUrlOf(grid);
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT work_uid, COUNT(*) FROM tasks GROUP BY work_uid HAVING COUNT(*) > 1")) {
                    List<String> twice = new ArrayList<>();
                    while (rs.next()) {
                        twice.add(rs.getString(1) + " x" + rs.getInt(2));
                    }
                    assertThat(twice).as("works given to more than one host").isEmpty();
                }
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT work_uid), COUNT(DISTINCT host_uid) FROM tasks")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(works.size());
                    assertThat(rs.getInt(2)).isEqualTo(works.size());
                    assertThat(rs.getInt(3)).as("hosts of both servers worked").isEqualTo(16);
                }
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM works WHERE status = 'COMPLETED'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(works.size());
                }
            }
        }
    }

    /** The servers' ERROR lines and what follows each (its cause), for a failure's message. */
    private static String serverErrors(Deployment grid) throws IOException {
        StringBuilder out = new StringBuilder();
        try (var files = Files.walk(grid.dir())) {
            for (Path log : files.filter(f -> f.getFileName().toString().endsWith(".out")
                    && f.getParent().getFileName().toString().startsWith("run-server")).toList()) {
                List<String> lines = Files.readAllLines(log);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).contains(" ERROR ")) {
                        lines.subList(i, Math.min(lines.size(), i + 12)).forEach(l -> out.append(log.getParent().getFileName())
                                .append(": ").append(l).append('\n'));
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * Why works are not final, for a timeout's message: each such work, its tasks (status, host,
     * lease, verdict), and the last lines of every server and worker log that name the work, its
     * copies (the "given to host" lines tie a task to its copy) or its tasks.
     */
    private static String unfinished(XwHttpClient admin, Deployment grid) throws IOException {
        List<WorkView> stuck = works(admin).values().stream().filter(w -> !w.status().isFinal()).toList();
        List<TaskView> tasks = admin.get("/api/v1/tasks", new TypeReference<List<TaskView>>() { });
        List<Path> logs;
        try (var files = Files.walk(grid.dir())) {
            logs = files.filter(f -> f.getFileName().toString().endsWith(".out")
                    && f.getParent().getFileName().toString().startsWith("run-")).sorted().toList();
        }
        StringBuilder out = new StringBuilder(stuck.size() + " works not final:\n");
        for (WorkView w : stuck.subList(0, Math.min(5, stuck.size()))) {
            out.append("work ").append(w.uid()).append(' ').append(w.status()).append(" retries ").append(w.retries())
                    .append(' ').append(w.errorMessage()).append('\n');
            List<String> names = new ArrayList<>(List.of(w.uid()));
            for (TaskView t : tasks) {
                if (w.uid().equals(t.workUid())) {
                    out.append("  task ").append(t.uid()).append(' ').append(t.status()).append(" host ").append(t.hostName())
                            .append(' ').append(t.hostUid()).append(" lease ").append(t.leaseExpires()).append(" ended ")
                            .append(t.ended()).append(" verdict ").append(t.verdict()).append('\n');
                    names.add(t.uid());
                }
            }
            for (Path log : logs) {
                List<String> lines = Files.readAllLines(log);
                // A task's "given to host" line names the copy it ran: its other lines count too.
                for (String line : lines) {
                    java.util.regex.Matcher m = GIVEN.matcher(line);
                    if (m.find() && names.contains(m.group(2)) && !names.contains(m.group(1))) {
                        names.add(m.group(1));
                    }
                }
                List<String> about = lines.stream().filter(l -> names.stream().anyMatch(l::contains)).toList();
                about.subList(Math.max(0, about.size() - 15), about.size()).forEach(l -> out.append("  ")
                        .append(log.getParent().getFileName()).append(": ").append(l, 0, Math.min(l.length(), 400)).append('\n'));
            }
        }
        // What a server said of hosts and works as a whole (a bench, a failed pass), whichever works it names.
        for (Path log : logs) {
            if (log.getParent().getFileName().toString().startsWith("run-server")) {
                List<String> warned = Files.readAllLines(log).stream().filter(l -> l.contains(" WARN ") || l.contains(" ERROR "))
                        .toList();
                warned.subList(Math.max(0, warned.size() - 10), warned.size()).forEach(l -> out.append(log.getParent().getFileName())
                        .append(": ").append(l, 0, Math.min(l.length(), 300)).append('\n'));
            }
        }
        return out.toString();
    }

    private static final java.util.regex.Pattern GIVEN = java.util.regex.Pattern.compile("work (\\S+) given to host \\S+ as task (\\S+)");

    private static String mariaDbUrlOf(Deployment grid) throws IOException {
        String conf = Files.readString(grid.dir().resolve("xtremweb.server.conf"));
        return conf.lines().filter(l -> l.startsWith("XWdbUrl=")).findFirst().orElseThrow().substring("XWdbUrl=".length());
    }

    private static XwHttpClient admin(Deployment grid, int port, Path pem) {
        return admin(grid, port, pem, "admin");
    }

    private static XwHttpClient admin(Deployment grid, int port, Path pem, String who) {
        XwHttpClient client = new XwHttpClient(XwHttpClient.serverUri("localhost", port), PinnedTrust.readPem(pem));
        client.token(client.post("/api/v1/login", new LoginRequest(grid.credential(who + ".login"),
                grid.credential(who + ".password")), TokenResponse.class).token());
        return client;
    }

    private List<String> submitAll(XwHttpClient admin, int n, Function<Integer, WorkSubmit> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int job = i;
            sent.add(pool.submit(() -> admin.post("/api/v1/works", work.apply(job), WorkView.class).uid()));
        }
        List<String> uids = new ArrayList<>();
        for (Future<String> f : sent) {
            uids.add(f.get());
        }
        pool.shutdown();
        return uids;
    }

    /** Whether a process of this machine has {@code word} in its command line. */
    private static boolean processNaming(String word) throws IOException {
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
                try {
                    if (new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).contains(word)) {
                        return true;
                    }
                } catch (IOException e) {
                    // ended while listed
                }
            }
        }
        return false;
    }

    private static void awaitCompleted(XwHttpClient admin, int count) {
        Awaitility.await(count + " works completed").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> admin.get("/api/v1/works?status=COMPLETED", new TypeReference<List<WorkView>>() { }).size() >= count);
    }

    private static Map<String, WorkView> works(XwHttpClient admin) {
        Map<String, WorkView> out = new HashMap<>();
        admin.get("/api/v1/works", new TypeReference<List<WorkView>>() { }).forEach(w -> out.put(w.uid(), w));
        return out;
    }

    private String upload(XwHttpClient client, String name, byte[] content) throws Exception {
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        DataView data = client.post("/api/v1/datas", new DataCreate(name, null, null, null, (long) content.length, sha, null), DataView.class);
        Path file = Files.write(tmp.resolve(name + ".upload"), content);
        return client.upload("/api/v1/datas/" + data.uid() + "/content", file, Map.of(), DataView.class).uid();
    }

    private static String entry(byte[] zip, String name) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals(name)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no " + name + " in the result zip");
    }

    private static byte[] emptyZip() throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("stdout.txt"));
            z.closeEntry();
        }
        return out.toByteArray();
    }
}
