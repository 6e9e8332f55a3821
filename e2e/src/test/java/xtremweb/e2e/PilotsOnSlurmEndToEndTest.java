package xtremweb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.client.api.ClientSettings;
import xtremweb.client.api.XwClient;
import xtremweb.common.model.TaskStatus;
import xtremweb.common.model.UserRights;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.HostView;
import xtremweb.common.wire.TaskView;
import xtremweb.common.wire.UserCreate;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.common.wire.WorkView;

/**
 * Gliding-in on a real one-node Slurm cluster (started by the test, {@link OneNodeSlurm}): a real
 * server, real bridges started with bin/xtremweb.bridge, pilots submitted by them with sbatch and
 * run by slurmd, works sent with bin/xwsendwork. Each test has its own bridge (its own job name
 * and tag) on the same cluster and server, and leaves the queue empty.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PilotsOnSlurmEndToEndTest {
    private static final String PASSWORD = "e2e-password-1";
    private static final Pattern ROUND = Pattern.compile(
            "round: (\\d+) pending work.*?(\\d+) queued, (\\d+) running.*?submitted (\\d+).*?cancelled (\\d+)");
    // Two job slots: a third pilot waits in the queue.
    private static final int NODE_CPUS = 2;

    @TempDir
    static Path tmp;
    private OneNodeSlurm slurm;
    private Deployment grid;
    private Path admin;
    private XwClient adminApi;
    // Every bridge started, stopped at the end even when a test failed before stopping its own.
    private final List<Bridge> bridges = new ArrayList<>();

    @BeforeAll
    void startClusterAndGrid() throws Exception {
        Optional<String> unavailable = OneNodeSlurm.unavailable();
        assumeTrue(unavailable.isEmpty(), () -> "pilots on Slurm not tested: " + unavailable.orElse(""));
        slurm = OneNodeSlurm.start(tmp.resolve("slurm"), NODE_CPUS);
        grid = Deployment.create(tmp.resolve("grid"), "h2");
        Files.createDirectories(grid.dir());
        grid.startServer();
        admin = grid.adminConfig();
        ok(admin, "xwsendapp", "apptest", System.getProperty("os.arch"), "linux",
                Deployment.SOURCE_ROOT.resolve("apptest/target/apptest").toString());
        adminApi = XwClient.openLoggedIn(new ClientSettings("localhost", grid.port(), Path.of(grid.credential("server.certificate")),
                grid.credential("admin.login"), grid.credential("admin.password"), "test"));
    }

    @AfterAll
    void stopAll() throws Exception {
        for (Bridge bridge : bridges) {
            bridge.stop();
        }
        try {
            if (grid != null) {
                grid.close();
            }
        } finally {
            if (slurm != null) {
                slurm.close();
            }
        }
    }

    @Test
    @Order(1)
    void twoHundredWorksSentWithXwsendworkAreAllComputedByPilotsThatLeaveOnceIdleAndNoneStaysQueued() throws Exception {
        Path params = tmp.resolve("two-hundred.txt");
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            lines.add("point-" + i);
        }
        Files.write(params, lines);
        List<String> works = ok(admin, "xwsendwork", "--xwlabel", "pilots", "--xwparams", params.toString(), "apptest").lines().toList();
        assertThat(works).hasSize(200);

        Bridge bridge = startBridge("a", grid.credential("worker.login"), grid.credential("worker.password"),
                Map.of("bridge.maxpilots", "3", "bridge.perround", "3"));
        awaitStatus(works, WorkStatus.COMPLETED, Duration.ofMinutes(8));

        // Every attempt ran on a pilot of this cluster, and xwworkers says so.
        Set<String> pilotHosts = adminApi.hosts().list().stream().filter(h -> OneNodeSlurm.CLUSTER.equals(h.pilotCluster()))
                .map(HostView::uid).collect(Collectors.toSet());
        List<TaskView> tasks = tasksOf(works);
        assertThat(tasks).isNotEmpty().allMatch(t -> pilotHosts.contains(t.hostUid()));
        assertThat(ok(admin, "xwworkers")).contains("pilot " + OneNodeSlurm.CLUSTER + " ");

        // The pilots leave once idle; the third one, queued behind the two that filled the node, is cancelled.
        Awaitility.await("pilots gone").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> slurm.queue("xwp-a").isEmpty());
        String log = bridge.daemon.output();
        List<int[]> rounds = rounds(log);
        assertThat(rounds.get(0)).as("first round\n" + log).containsExactly(200, 3, 0, 0);
        assertThat(rounds).as("never more than 3 pilots\n" + log).allMatch(r -> r[3] <= 3);
        assertThat(rounds.stream().mapToInt(r -> r[2]).sum()).as("queued pilots cancelled\n" + log).isGreaterThanOrEqualTo(1);
        assertThat(rounds.get(rounds.size() - 1)[0]).isZero();
        // Each pilot that ran left on its own once idle (the cancelled ones never ran: no output).
        List<String> pilotLogs = bridge.pilotLogs();
        assertThat(pilotLogs).hasSizeGreaterThanOrEqualTo(2).allMatch(l -> l.contains("pilot leaving: no task for"), "left idle");
        bridge.stop();
    }

    @Test
    @Order(2)
    void aRestartedBridgeCountsItsPilotsInTheQueueAndSubmitsNoSecondSet() throws Exception {
        slurm.partition("DOWN");
        try {
            Path four = Files.write(tmp.resolve("four.txt"), List.of("1", "2", "3", "4"));
            List<String> works = ok(admin, "xwsendwork", "--xwparams", four.toString(), "apptest").lines().toList();
            Map<String, String> keys = Map.of("bridge.maxpilots", "4", "bridge.perround", "2");
            Bridge first = startBridge("b", grid.credential("worker.login"), grid.credential("worker.password"), keys);
            Awaitility.await("4 pilots queued").atMost(Duration.ofMinutes(1)).until(() -> slurm.queue("xwp-b").size() == 4);
            first.stop();

            Bridge second = startBridge("b", grid.credential("worker.login"), grid.credential("worker.password"), keys);
            Awaitility.await("3 rounds").atMost(Duration.ofMinutes(1)).until(() -> rounds(second.daemon.output()).size() >= 3);
            assertThat(slurm.queue("xwp-b")).hasSize(4).allMatch(l -> l.endsWith("PENDING"));
            assertThat(rounds(second.daemon.output())).allMatch(r -> r[0] == 4 && r[1] == 0);

            // The works go away: the queued pilots are cancelled.
            ok(admin, "xwrm", works.toArray(String[]::new));
            Awaitility.await("pilots cancelled").atMost(Duration.ofMinutes(1)).until(() -> slurm.queue("xwp-b").isEmpty());
            assertThat(rounds(second.daemon.output()).stream().mapToInt(r -> r[2]).sum()).isEqualTo(4);
            second.stop();
        } finally {
            slurm.partition("UP");
        }
    }

    @Test
    @Order(3)
    void aPilotCancelledWithScancelInTheMiddleOfAJobGivesItBackAndTheWorkRunsAgainElsewhere() throws Exception {
        String work = ok(admin, "xwsendwork", "apptest", "-s", "15").strip();
        Bridge bridge = startBridge("c", grid.credential("worker.login"), grid.credential("worker.password"),
                Map.of("bridge.maxpilots", "1", "bridge.perround", "1"));
        TaskView first = Awaitility.await("work running on a pilot").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> tasksOf(List.of(work)).stream().filter(t -> t.status() == TaskStatus.RUNNING).findFirst(), Optional::isPresent)
                .orElseThrow();
        String jobId = host(first.hostUid()).pilotJobId();
        slurm.run(List.of("scancel", jobId));

        WorkView done = awaitStatus(List.of(work), WorkStatus.COMPLETED, Duration.ofMinutes(3)).get(0);
        assertThat(done.exitCode()).isZero();
        assertThat(done.retries()).as("given back, not failed").isZero();
        List<TaskView> attempts = tasksOf(List.of(work));
        assertThat(attempts).filteredOn(t -> t.uid().equals(first.uid())).singleElement().extracting(TaskView::status)
                .isEqualTo(TaskStatus.LOST);
        // A work request of the departing pilot that was already waiting at the server may be answered
        // with the work just given back; the pilot then gives it back at once, unstarted. Every attempt
        // but the one that completed is such a give-back on the cancelled pilot.
        assertThat(attempts).filteredOn(t -> t.status() != TaskStatus.DONE)
                .allMatch(t -> t.status() == TaskStatus.LOST && t.hostUid().equals(first.hostUid()), "given back by the cancelled pilot");
        assertThat(attempts).filteredOn(t -> t.status() == TaskStatus.DONE).singleElement().extracting(TaskView::hostUid)
                .isNotEqualTo(first.hostUid()).matches(h -> host(h).pilotCluster() != null, "a pilot");
        assertThat(bridge.pilotLog(jobId)).contains("pilot leaving: the batch system stops it").contains("1 running work(s) given back")
                .contains("given back to the server");
        Awaitility.await("pilots gone").atMost(Duration.ofMinutes(1)).until(() -> slurm.queue("xwp-c").isEmpty());
        bridge.stop();
    }

    @Test
    @Order(4)
    void aPilotNearingItsTimeLimitGivesItsWorkBackBeforeSlurmKillsIt() throws Exception {
        String work = ok(admin, "xwsendwork", "apptest", "-s", "600").strip();
        // 3 minutes of life; Slurm warns 100 s before the end (at its next check, up to a minute earlier).
        Bridge bridge = startBridge("d", grid.credential("worker.login"), grid.credential("worker.password"),
                Map.of("bridge.maxpilots", "1", "bridge.perround", "1", "slurm.time", "3", "slurm.signal", "100", "pilot.drain", "110"));
        TaskView first = Awaitility.await("work running on a pilot").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> tasksOf(List.of(work)).stream().filter(t -> t.status() == TaskStatus.RUNNING).findFirst(), Optional::isPresent)
                .orElseThrow();
        String jobId = host(first.hostUid()).pilotJobId();
        try {
            Awaitility.await("work given back").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> tasksOf(List.of(work)).stream().anyMatch(t -> t.uid().equals(first.uid()) && t.status() == TaskStatus.LOST));
            assertThat(adminApi.works().get(work).retries()).as("given back, not failed").isZero();
        } catch (AssertionError | RuntimeException e) {
            // Leave nothing behind that would take the next tests' public works.
            ok(admin, "xwrm", work);
            bridge.stop();
            slurm.run(List.of("scancel", jobId));
            throw new AssertionError(e.getMessage() + "\npilot log:\n" + bridge.pilotLog(jobId), e);
        }
        ok(admin, "xwrm", work);

        Awaitility.await("pilot ended").atMost(Duration.ofMinutes(1)).until(() -> !slurm.queue("xwp-d").contains(jobId + " RUNNING"));
        assertThat(slurm.jobField(jobId, "JobState")).as("ended on its own before the limit, not killed at it").isEqualTo("COMPLETED");
        assertThat(bridge.pilotLog(jobId)).contains("pilot leaving: the batch system warns that its time limit is near (SIGUSR1)")
                .contains("1 running work(s) given back");
        Awaitility.await("pilots gone").atMost(Duration.ofMinutes(1)).until(() -> slurm.queue("xwp-d").isEmpty());
        bridge.stop();
    }

    @Test
    @Order(5)
    void aBridgeOfAGroupWorkerIdentityRunsPublicAndItsGroupsWorksNeverAnotherGroupsOrAPrivateOne() throws Exception {
        // Set up through the client library (the command line is tested elsewhere): two groups, two users, a group worker.
        adminApi.admin().createUsergroup("team");
        adminApi.admin().createUsergroup("others");
        adminApi.admin().createUser(new UserCreate("alice", PASSWORD, null, UserRights.STANDARD_USER, "team"));
        adminApi.admin().createUser(new UserCreate("carol", PASSWORD, null, UserRights.STANDARD_USER, "others"));
        adminApi.admin().createUser(new UserCreate("gworker", PASSWORD, null, UserRights.WORKER_USER, "team"));
        XwClient alice = login("alice");
        XwClient carol = login("carol");
        String alicePublic = submit(alice, "public", null);
        String aliceGroup = submit(alice, "group", "0x750");
        String alicePrivate = submit(alice, "private", "0x700");
        String carolGroup = submit(carol, "other-group", "0x750");

        Bridge bridge = startBridge("e", "gworker", PASSWORD, Map.of("bridge.maxpilots", "1", "bridge.perround", "1"));
        awaitStatus(List.of(alicePublic, aliceGroup), WorkStatus.COMPLETED, Duration.ofMinutes(3));
        Awaitility.await("pilots gone").atMost(Duration.ofMinutes(1)).until(() -> slurm.queue("xwp-e").isEmpty());

        assertThat(adminApi.works().get(alicePrivate).status()).isEqualTo(WorkStatus.PENDING);
        assertThat(adminApi.works().get(carolGroup).status()).isEqualTo(WorkStatus.PENDING);
        assertThat(tasksOf(List.of(alicePrivate, carolGroup))).isEmpty();
        Set<String> groupPilots = adminApi.hosts().list().stream().filter(h -> h.pilotCluster() != null)
                .filter(h -> h.ownerUid().equals(userUid("gworker"))).map(HostView::uid).collect(Collectors.toSet());
        assertThat(tasksOf(List.of(alicePublic, aliceGroup))).isNotEmpty().allMatch(t -> groupPilots.contains(t.hostUid()));
        // The bridge saw exactly the two works its identity may run, and then none.
        List<int[]> rounds = rounds(bridge.daemon.output());
        assertThat(rounds.get(0)[0]).isEqualTo(2);
        assertThat(rounds.get(rounds.size() - 1)[0]).isZero();
        assertThat(bridge.daemon.output()).contains("'gworker' may run (group worker)");
        bridge.stop();
    }

    // ------------------------------------------------------------------------------------------------

    /** A bridge process and where it keeps its pilots' files. */
    private record Bridge(Daemon daemon, Path home) {
        void stop() throws InterruptedException {
            daemon.stop();
        }

        List<String> pilotLogs() throws Exception {
            try (Stream<Path> files = Files.list(home.resolve("logs"))) {
                List<String> logs = new ArrayList<>();
                for (Path f : files.sorted().toList()) {
                    logs.add(Files.readString(f));
                }
                return logs;
            }
        }

        String pilotLog(String jobId) throws Exception {
            return Files.readString(home.resolve("logs").resolve("pilot-" + jobId + ".out"));
        }
    }

    private Bridge startBridge(String name, String login, String password, Map<String, String> extra) throws Exception {
        Path home = tmp.resolve("bridge-" + name);
        Files.createDirectories(home);
        Path passwordFile = home.resolve("password");
        Files.writeString(passwordFile, password + "\n");
        StringBuilder conf = new StringBuilder()
                .append("dispatcher.servers: localhost\nport.https: ").append(grid.port())
                .append("\npath.certfile: ").append(grid.credential("server.certificate"))
                .append("\nlogin: ").append(login).append("\npassword.file: ").append(passwordFile)
                .append("\nbridge.cluster: ").append(OneNodeSlurm.CLUSTER).append("\nbridge.name: xwbridge-").append(name)
                .append("\nbridge.period: 2\npath.home: ").append(home)
                .append("\nslurm.jobname: xwp-").append(name).append("\nslurm.cpus: 1\npilot.idle: 6\n");
        Map<String, String> keys = new java.util.HashMap<>(Map.of("slurm.time", "10", "slurm.signal", "60", "pilot.drain", "120"));
        keys.putAll(extra);
        keys.forEach((k, v) -> conf.append(k).append(": ").append(v).append('\n'));
        Path file = home.resolve("xtremweb.bridge.conf");
        Files.writeString(file, conf);
        Daemon daemon = Daemon.start("bridge-" + name, List.of(Deployment.script("xtremweb.bridge").toString(), "console", "--xwconfig",
                file.toString()), home.resolve("run-" + System.nanoTime()), "bridge ready", Duration.ofSeconds(90), slurm.env());
        Bridge bridge = new Bridge(daemon, home);
        bridges.add(bridge);
        return bridge;
    }

    /** Each round's pending works, pilots submitted and pilots cancelled, from the bridge's log. */
    private static List<int[]> rounds(String log) {
        List<int[]> rounds = new ArrayList<>();
        Matcher m = ROUND.matcher(log);
        while (m.find()) {
            // pending, submitted, cancelled, queued + running
            rounds.add(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                Integer.parseInt(m.group(2)) + Integer.parseInt(m.group(3))});
        }
        return rounds;
    }

    private List<WorkView> awaitStatus(List<String> works, WorkStatus status, Duration within) {
        Set<String> wanted = Set.copyOf(works);
        Supplier<List<WorkView>> read = () -> adminApi.works().list(Optional.empty()).stream().filter(w -> wanted.contains(w.uid())).toList();
        return Awaitility.await(works.size() + " work(s) " + status).atMost(within).pollInterval(Duration.ofSeconds(2))
                .until(read::get, seen -> seen.size() == works.size() && seen.stream().allMatch(w -> w.status() == status));
    }

    private List<TaskView> tasksOf(List<String> works) {
        Set<String> wanted = Set.copyOf(works);
        return adminApi.hosts().tasks().stream().filter(t -> wanted.contains(t.workUid())).toList();
    }

    private XwClient login(String login) {
        return XwClient.openLoggedIn(new ClientSettings("localhost", grid.port(), Path.of(grid.credential("server.certificate")),
                login, PASSWORD, "test"));
    }

    private static String submit(XwClient owner, String label, String rights) {
        String uid = owner.works().submit(new WorkSubmit("apptest", List.of(label), label, null, null)).uid();
        if (rights != null) {
            assertThat(owner.works().chmod(uid, rights).accessRights()).isEqualTo(rights);
        }
        return uid;
    }

    private String userUid(String login) {
        return adminApi.admin().users().stream().filter(u -> u.login().equals(login)).findFirst().orElseThrow().uid();
    }

    private HostView host(String uid) {
        return adminApi.hosts().list().stream().filter(h -> h.uid().equals(uid)).findFirst().orElseThrow();
    }

    private String ok(Path config, String script, String... args) throws Exception {
        Command.Result result = grid.client(config, script, List.of(args));
        assertThat(result.exitCode()).as(result.describe()).isZero();
        return result.stdout();
    }
}
