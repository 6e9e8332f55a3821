package xtremweb.server.certification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import xtremweb.common.model.DataStatus;
import xtremweb.common.model.UserRights;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.rights.AccessRights;
import xtremweb.common.wire.AppBinary;
import xtremweb.common.wire.Assignment;
import xtremweb.common.wire.HostRegistration;
import xtremweb.common.wire.Replication;
import xtremweb.common.wire.TaskReport;
import xtremweb.common.wire.TaskView;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.server.MutableClock;
import xtremweb.server.app.AppBinaryRepository;
import xtremweb.server.app.AppRepository;
import xtremweb.server.app.AppRow;
import xtremweb.server.app.AppService;
import xtremweb.server.data.DataRepository;
import xtremweb.server.data.DataRow;
import xtremweb.server.data.DataService;
import xtremweb.server.data.LocalDataStore;
import xtremweb.server.db.DbException;
import xtremweb.server.db.DeadlockVictims;
import xtremweb.server.db.Jdbc;
import xtremweb.server.db.TestDatabase;
import xtremweb.server.grouping.Groupings;
import xtremweb.server.host.HostRepository;
import xtremweb.server.host.HostService;
import xtremweb.server.metrics.GridMetrics;
import xtremweb.server.policy.AccessPolicy;
import xtremweb.server.policy.Caller;
import xtremweb.server.scheduler.Scheduler;
import xtremweb.server.task.Reaper;
import xtremweb.server.task.TaskList;
import xtremweb.server.task.TaskOutcomes;
import xtremweb.server.user.PasswordHasher;
import xtremweb.server.user.Sessions;
import xtremweb.server.user.TokenRepository;
import xtremweb.server.user.UserRepository;
import xtremweb.server.user.UserRow;
import xtremweb.server.work.WorkRepository;
import xtremweb.server.work.WorkRow;
import xtremweb.server.work.WorkService;
import xtremweb.server.work.WorkSignal;

/**
 * Replicated works end to end inside one server, on the embedded database and on MariaDB: copies
 * go to independent hosts, a quorum of agreeing results makes the canonical one, a forged result
 * is INVALID and costs one more copy, disagreement past the most results is an ERROR, and
 * validating again changes nothing.
 */
class CertificationTest {
    @TempDir
    Path temp;
    private TestDatabase db;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final GridMetrics metrics = GridMetrics.inMemory();
    private Jdbc jdbc;
    private Scheduler scheduler;
    private TaskOutcomes outcomes;
    private WorkService works;
    private HostService hosts;
    private Certifier certifier;
    private Reaper reaper;
    private TaskList taskList;
    private WorkSignal signal;
    private final WorkRepository workRows = new WorkRepository();
    // Wires the server's in-memory part on the database: run again, it is a restart after a SIGKILL.
    private Runnable server;
    private static final int ALIVE_PERIOD = 10;
    /** A task's lease, three alive periods, and a second. */
    private static final Duration PAST_A_LEASE = Duration.ofSeconds(3L * ALIVE_PERIOD + 1);
    // The spot-check draws: each result is checked when the draw is below its host's rate.
    private java.util.function.DoubleSupplier draws = () -> 0.99;
    // The comparator of each name in an app's policy: the server's, unless a test lowers their limits.
    private java.util.function.Function<String, ResultComparator> comparators = Comparators::named;
    private final UserRepository users = new UserRepository();
    private final DeadlockVictims victims = new DeadlockVictims();
    private Caller scientist;
    private AppService apps;

    static List<String> kinds() {
        return TestDatabase.kinds().toList();
    }

    private void setUp(String kind, Replication replication) throws Exception {
        db = TestDatabase.open(kind, temp.resolve("db"));
        jdbc = new Jdbc(victims.around(db.dataSource()));
        scientist = user("alice", UserRights.STANDARD_USER);
        AccessPolicy policy = new AccessPolicy();
        DataRepository dataRows = new DataRepository();
        LocalDataStore store = new LocalDataStore(temp.resolve("data"));
        DataService datas = new DataService(jdbc, dataRows, store, policy, clock, "xw://test:1/");
        AppBinaryRepository binaries = new AppBinaryRepository();
        apps = new AppService(jdbc, new AppRepository(binaries), binaries, datas, policy, clock);
        signal = new WorkSignal();
        Sessions sessions = new Sessions(jdbc, users, new TokenRepository(), new PasswordHasher(), clock, Duration.ofHours(1), metrics);
        hosts = new HostService(jdbc, new HostRepository(), sessions, policy, clock, 10);
        server = () -> {
            // What a server holds in memory, made anew as a (re)started server does.
            CopyPlacements placements = new CopyPlacements();
            certifier = new Certifier(jdbc, store::path, signal::signal, placements, clock, () -> draws.getAsDouble(),
                    name -> comparators.apply(name));
            works = new WorkService(jdbc, workRows, apps, datas, policy, signal, clock, hosts.directory(),
                    new Groupings(jdbc, workRows, datas, policy, clock), metrics, certifier);
            scheduler = new Scheduler(jdbc, workRows, hosts.directory(), apps, datas, policy, signal, clock, ALIVE_PERIOD, metrics,
                    placements);
            outcomes = new TaskOutcomes(jdbc, workRows, hosts.directory(), apps, datas, dataRows, policy, signal, metrics, clock,
                    certifier);
            reaper = new Reaper(jdbc, workRows, hosts.directory(), signal, metrics, clock, 3);
            taskList = new TaskList(jdbc);
            apps.whenDeleted(works::endPendingWorksOf);
        };
        server.run();
        String binaryUid = UUID.randomUUID().toString();
        jdbc.tx("seed", c -> {
            dataRows.insert(c, new DataRow(binaryUid, "app", null, "linux", "amd64", 3L, "00", 3L, "00",
                    DataStatus.AVAILABLE, AccessRights.PUBLIC, scientist.userUid(), null, clock.instant()));
            new AppRepository(binaries).insert(c, new AppRow(UUID.randomUUID().toString(), "sim", scientist.userUid(), null,
                    AccessRights.PUBLIC, clock.instant(), List.of(new AppBinary("linux", "amd64", binaryUid)),
                    ReplicationPolicy.forApp(replication)));
            return null;
        });
    }

    private Caller user(String login, UserRights rights) {
        UserRow row = new UserRow(UUID.randomUUID().toString(), login, "x", null, rights, null, clock.instant());
        jdbc.tx("user", c -> {
            users.insert(c, row);
            return null;
        });
        return row.caller();
    }

    private Caller host(Caller owner) {
        String uid = hosts.register(owner, new HostRegistration(null, "h-" + UUID.randomUUID(), "linux", "x86_64", 4, 1L << 30, "21"))
                .hostUid();
        return new Caller(owner.userUid(), owner.login(), owner.rights(), owner.usergroupUid(), uid);
    }

    private Optional<Assignment> claim(Caller host) {
        return scheduler.claim(host, hosts.directory().find(host.host().orElseThrow()).orElseThrow());
    }

    private void deliver(Caller host, Assignment a, String stdout) throws Exception {
        outcomes.result(host, a.taskUid(), new ByteArrayInputStream(ResultZips.zip(clock.millis(), "stdout", stdout)), null);
        outcomes.report(host, a.taskUid(), new TaskReport(WorkStatus.COMPLETED, 0, null));
    }

    /** The server killed and started again on the same database, as XtremWebServer starts. */
    private void restart() {
        server.run();
        certifier.loadPlacements();
        certifier.sweep(true);
    }

    private List<String> verdicts(String workUid) {
        return jdbc.tx("verdicts", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT verdict FROM works WHERE certifies = ? ORDER BY submitted, uid")) {
                ps.setString(1, workUid);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    private boolean dataDeleted(String dataUid) {
        return jdbc.tx("data", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT deleted FROM datas WHERE uid = ?")) {
                ps.setString(1, dataUid);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    return rs.getBoolean(1);
                }
            }
        });
    }

    private String verdictOf(String copyUid) {
        return jdbc.tx("verdict", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT verdict FROM works WHERE uid = ?")) {
                ps.setString(1, copyUid);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    private int rightsOf(String table, String uid) {
        return jdbc.tx("rights", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT access_rights FROM " + table + " WHERE uid = ?")) {
                ps.setString(1, uid);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    return rs.getInt(1);
                }
            }
        });
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aChmodOfAReplicatedWorkReachesItsCopiesAndEveryResultTheCanonicalOneIncluded(String kind) throws Exception {
        setUp(kind, new Replication(2, null, null, null, null));
        Caller bobs = host(user("bob", UserRights.WORKER_USER));
        Caller carols = host(user("carol", UserRights.WORKER_USER));
        WorkRow work = works.submit(scientist, new WorkSubmit("sim", List.of("7"), null, null, null));
        Assignment first = claim(bobs).orElseThrow();
        Assignment second = claim(carols).orElseThrow();
        deliver(bobs, first, "49\n");

        // Made private between the two copies' results: the one in and the one to come both follow.
        works.chmod(scientist, work.uid(), "700");
        deliver(carols, second, "49\n");

        WorkRow done = works.get(scientist, work.uid());
        assertThat(done.status()).isEqualTo(WorkStatus.COMPLETED);
        assertThat(rightsOf("datas", done.resultDataUid())).isEqualTo(AccessRights.PRIVATE.bits());
        for (Assignment copy : List.of(first, second)) {
            assertThat(rightsOf("works", copy.workUid())).isEqualTo(AccessRights.PRIVATE.bits());
            assertThat(rightsOf("datas", works.get(scientist, copy.workUid()).resultDataUid()))
                    .as("result of copy " + copy.workUid()).isEqualTo(AccessRights.PRIVATE.bits());
        }
        works.chmod(scientist, work.uid(), "750");
        assertThat(rightsOf("datas", done.resultDataUid())).isEqualTo(0750);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aSweepWhoseCopiesWouldPassTheRowsOneRequestMayCreateIsRefusedAndCreatesNothing(String kind) throws Exception {
        // 2,000 jobs x (1 + 50 first copies) = 102,000 rows: one transaction would hold the database for minutes.
        setUp(kind, new Replication(2, 50, 50, null, null));
        List<xtremweb.common.wire.WorkBatch.Job> jobs = java.util.stream.IntStream.range(0, 2_000)
                .mapToObj(i -> new xtremweb.common.wire.WorkBatch.Job(List.of(String.valueOf(i)), null)).toList();
        assertThatThrownBy(() -> works.submitAll(scientist, new WorkSubmit("sim", List.of(), null, null, null), jobs))
                .isInstanceOf(xtremweb.server.refusal.TooLarge.class)
                .hasMessageContaining("102000 works and copies")
                .hasMessageContaining("requests of at most 1960 jobs");
        int works = jdbc.tx("count", c -> {
            try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM works")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertThat(works).isZero();
        // Within the limit the same app's sweep goes in.
        assertThat(this.works.submitAll(scientist, new WorkSubmit("sim", List.of(), null, null, null), jobs.subList(0, 3))).hasSize(3);
    }

    private void deliverZip(Caller host, Assignment a, byte[] zip) throws Exception {
        outcomes.result(host, a.taskUid(), new ByteArrayInputStream(zip), null);
        outcomes.report(host, a.taskUid(), new TaskReport(WorkStatus.COMPLETED, 0, null));
    }

    /** Byte-equal comparisons expanding at most 10,000 bytes of each result. */
    private void smallComparisonLimits() {
        comparators = Comparators.limitedTo(new ComparisonLimits(10_000, 100));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void colludingHostsReturningTheSameZipBombDoNotAgreeAndTheWorkEndsSayingWhy(String kind) throws Exception {
        smallComparisonLimits();
        setUp(kind, new Replication(2, 2, 2, null, null));
        Caller mallory = host(user("mallory", UserRights.WORKER_USER));
        Caller trudy = host(user("trudy", UserRights.WORKER_USER));
        WorkRow work = works.submit(scientist, new WorkSubmit("sim", List.of(), null, null, null));
        Assignment first = claim(mallory).orElseThrow();
        Assignment second = claim(trudy).orElseThrow();
        byte[] bomb = ComparisonLimitsTest.lying(ComparisonLimitsTest.bomb(1_000_000), 100);

        deliverZip(mallory, first, bomb);
        deliverZip(trudy, second, bomb);

        WorkRow failed = works.get(scientist, work.uid());
        assertThat(failed.status()).isEqualTo(WorkStatus.ERROR);
        assertThat(failed.errorMessage()).startsWith("no quorum: 2 results, 2 distinct (the results of copies ")
                .contains("were not compared: a result expands to more than 10000 bytes of content once unzipped");
        assertThat(failed.resultDataUid()).isNull();
        assertThat(List.of(verdictOf(first.workUid()), verdictOf(second.workUid()))).containsOnly("UNCHECKED");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aZipBombIsOutvotedByHonestResultsAndItsHostCaught(String kind) throws Exception {
        smallComparisonLimits();
        setUp(kind, new Replication(2, 2, 3, null, null));
        Caller mallory = host(user("mallory", UserRights.WORKER_USER));
        Caller bob = host(user("bob", UserRights.WORKER_USER));
        Caller carol = host(user("carol", UserRights.WORKER_USER));
        WorkRow work = works.submit(scientist, new WorkSubmit("sim", List.of(), null, null, null));
        Assignment bombed = claim(mallory).orElseThrow();
        Assignment honest = claim(bob).orElseThrow();
        deliverZip(mallory, bombed, ComparisonLimitsTest.bomb(1_000_000));
        deliver(bob, honest, "49\n");
        assertThat(works.get(scientist, work.uid()).status()).isEqualTo(WorkStatus.RUNNING);

        deliver(carol, claim(carol).orElseThrow(), "49\n");

        WorkRow done = works.get(scientist, work.uid());
        assertThat(done.status()).isEqualTo(WorkStatus.COMPLETED);
        assertThat(done.resultDataUid()).isNotEqualTo(works.get(scientist, bombed.workUid()).resultDataUid());
        assertThat(verdictOf(bombed.workUid())).isEqualTo("INVALID");
        assertThat(verdictOf(honest.workUid())).isEqualTo("VALID");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aResultThatDoesNotUnzipIsOutvotedByHonestResultsInsteadOfFailingTheirReports(String kind) throws Exception {
        setUp(kind, new Replication(2, 2, 3, null, null));
        Caller mallory = host(user("mallory", UserRights.WORKER_USER));
        Caller bob = host(user("bob", UserRights.WORKER_USER));
        Caller carol = host(user("carol", UserRights.WORKER_USER));
        WorkRow work = works.submit(scientist, new WorkSubmit("sim", List.of(), null, null, null));
        Assignment garbled = claim(mallory).orElseThrow();
        Assignment honest = claim(bob).orElseThrow();
        deliverZip(mallory, garbled, ResultZips.garbled(ResultZips.zip(clock.millis(), "stdout", "49\n")));
        // Comparing with the garbled result fails the same way every time: before, it rolled bob's
        // report back, and his worker retried it for ever.
        deliver(bob, honest, "49\n");
        assertThat(works.get(scientist, work.uid()).status()).isEqualTo(WorkStatus.RUNNING);

        Assignment third = claim(carol).orElseThrow();
        deliver(carol, third, "49\n");

        WorkRow done = works.get(scientist, work.uid());
        assertThat(done.status()).isEqualTo(WorkStatus.COMPLETED);
        assertThat(verdictOf(garbled.workUid())).isEqualTo("INVALID");
        assertThat(List.of(verdictOf(honest.workUid()), verdictOf(third.workUid()))).containsOnly("VALID");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void resultsThatDoNotUnzipReachNoQuorumAndTheWorkSaysWhichCopy(String kind) throws Exception {
        setUp(kind, new Replication(2, 2, 2, null, null));
        Caller mallory = host(user("mallory", UserRights.WORKER_USER));
        Caller trudy = host(user("trudy", UserRights.WORKER_USER));
        WorkRow work = works.submit(scientist, new WorkSubmit("sim", List.of(), null, null, null));
        Assignment first = claim(mallory).orElseThrow();
        Assignment second = claim(trudy).orElseThrow();
        byte[] cut = ResultZips.cutShort(ResultZips.zip(clock.millis(), "stdout", "49 and more digits\n".repeat(50)));

        deliverZip(mallory, first, cut);
        deliverZip(trudy, second, cut);

        WorkRow failed = works.get(scientist, work.uid());
        assertThat(failed.status()).isEqualTo(WorkStatus.ERROR);
        assertThat(failed.errorMessage()).startsWith("no quorum: 2 results, 2 distinct (the result of copy ")
                .contains("was not compared: its file 'stdout' does not unzip (Unexpected end of ZLIB input stream)");
        assertThat(failed.resultDataUid()).isNull();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aForgedResultIsOutvotedAndNeverCanonical(String kind) throws Exception {
        setUp(kind, new Replication(2, null, null, null, null));
        Caller bob = user("bob", UserRights.WORKER_USER);
        Caller carol = user("carol", UserRights.WORKER_USER);
        Caller mallory = user("mallory", UserRights.WORKER_USER);
        Caller bobsFirst = host(bob);
        Caller bobsSecond = host(bob);
        Caller carols = host(carol);
        Caller cheater = host(mallory);
        WorkRow work = works.submit(scientist, new WorkSubmit("sim", List.of("7"), null, null, null));
        assertThat(work.status()).isEqualTo(WorkStatus.RUNNING);
        assertThat(works.list(scientist, null, null, null)).extracting(WorkRow::uid).containsExactly(work.uid());

        Assignment first = claim(bobsFirst).orElseThrow();
        // Independence: neither the same host nor another host of the same owner gets the second copy.
        assertThat(claim(bobsFirst)).isEmpty();
        assertThat(claim(bobsSecond)).isEmpty();
        Assignment forged = claim(cheater).orElseThrow();
        assertThat(forged.workUid()).isNotEqualTo(first.workUid());

        clock.advance(Duration.ofSeconds(20));
        deliver(bobsFirst, first, "49\n");
        deliver(cheater, forged, "50\n");
        // Two results, two answers: a third copy decides, and it may not go to the cheater again.
        assertThat(works.get(scientist, work.uid()).status()).isEqualTo(WorkStatus.RUNNING);
        assertThat(claim(cheater)).isEmpty();
        assertThat(claim(bobsSecond)).isEmpty();
        Assignment third = claim(carols).orElseThrow();
        clock.advance(Duration.ofSeconds(25));
        deliver(carols, third, "49\n");

        WorkRow done = works.get(scientist, work.uid());
        assertThat(done.status()).isEqualTo(WorkStatus.COMPLETED);
        // The canonical result is one of the two agreeing copies', never the forged one.
        assertThat(done.hostUid()).isIn(bobsFirst.host().orElseThrow(), carols.host().orElseThrow());
        assertThat(done.resultDataUid()).isIn(works.get(scientist, first.workUid()).resultDataUid(),
                works.get(scientist, third.workUid()).resultDataUid());
        assertThat(verdicts(work.uid())).containsExactlyInAnyOrder("VALID", "INVALID", "VALID");
        assertThat(verdictOf(forged.workUid())).isEqualTo("INVALID");
        // The owner gets the canonical result only: the forged one and the other agreeing copy's go.
        for (Assignment copy : List.of(first, forged, third)) {
            String data = works.get(scientist, copy.workUid()).resultDataUid();
            assertThat(dataDeleted(data)).as("result of copy " + copy.workUid()).isEqualTo(!data.equals(done.resultDataUid()));
        }
        // Credit: the lowest running time of the agreeing copies (20 s, not 25), to each agreeing host and its owner only.
        Map<String, Double> hostCredit = jdbc.tx("credits", Credits::ofHosts);
        Map<String, Double> userCredit = jdbc.tx("credits", Credits::ofUsers);
        assertThat(hostCredit.get(carols.host().orElseThrow())).isEqualTo(20.0);
        assertThat(hostCredit.get(bobsFirst.host().orElseThrow())).isEqualTo(20.0);
        assertThat(hostCredit.get(cheater.host().orElseThrow())).isZero();
        assertThat(userCredit.get(bob.userUid())).isEqualTo(20.0);
        assertThat(userCredit.get(carol.userUid())).isEqualTo(20.0);
        assertThat(userCredit.get(mallory.userUid())).isZero();
        // xwtasks: each copy under the owner's work, with its verdict.
        assertThat(taskList.tasks(scientist)).filteredOn(t -> t.workUid().equals(work.uid()))
                .extracting(TaskView::verdict).containsExactlyInAnyOrder("VALID", "INVALID", "VALID");
        // Validating again (a sweep after a restart) changes nothing: the work completed once.
        certifier.sweep(true);
        boolean again = jdbc.tx("again", c -> certifier.certify(c, work.uid()));
        assertThat(again).isFalse();
        assertThat(works.get(scientist, work.uid()).version()).isEqualTo(done.version());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void withoutAgreementUpToTheMostResultsTheWorkEndsInError(String kind) throws Exception {
        setUp(kind, new Replication(2, 2, 3, 1, "numeric"));
        List<Caller> volunteers = new ArrayList<>();
        for (String login : List.of("v1", "v2", "v3", "v4")) {
            volunteers.add(host(user(login, UserRights.WORKER_USER)));
        }
        WorkRow work = works.submit(scientist, new WorkSubmit("sim", List.of(), null, null, null));
        deliver(volunteers.get(0), claim(volunteers.get(0)).orElseThrow(), "1.0\n");
        deliver(volunteers.get(1), claim(volunteers.get(1)).orElseThrow(), "1.1\n");
        deliver(volunteers.get(2), claim(volunteers.get(2)).orElseThrow(), "1.2\n");
        assertThat(claim(volunteers.get(3))).isEmpty();
        WorkRow failed = works.get(scientist, work.uid());
        assertThat(failed.status()).isEqualTo(WorkStatus.ERROR);
        assertThat(failed.errorMessage()).isEqualTo("no quorum: 3 results, 3 distinct");
        assertThat(failed.resultDataUid()).isNull();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void numericToleranceLetsRoundingDifferencesAgreeAndCopiesOfFailedRunsAreReplaced(String kind) throws Exception {
        setUp(kind, new Replication(2, 2, 4, 1, "numeric"));
        List<Caller> volunteers = new ArrayList<>();
        for (String login : List.of("v1", "v2", "v3")) {
            volunteers.add(host(user(login, UserRights.WORKER_USER)));
        }
        WorkRow work = works.submit(scientist, new WorkSubmit("sim", List.of(), null, null, null));
        Assignment broken = claim(volunteers.get(0)).orElseThrow();
        outcomes.report(volunteers.get(0), broken.taskUid(), new TaskReport(WorkStatus.ERROR, null, "segfault"));
        deliver(volunteers.get(1), claim(volunteers.get(1)).orElseThrow(), "1.0000001\n");
        assertThat(works.get(scientist, work.uid()).status()).isEqualTo(WorkStatus.RUNNING);
        deliver(volunteers.get(2), claim(volunteers.get(2)).orElseThrow(), "1.0000002\n");
        assertThat(works.get(scientist, work.uid()).status()).isEqualTo(WorkStatus.COMPLETED);
        assertThat(verdicts(work.uid())).containsExactlyInAnyOrder("FAILED", "VALID", "VALID");
        assertThat(verdictOf(broken.workUid())).isEqualTo("FAILED");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void quorumOneIsComputedOnceAsBefore(String kind) throws Exception {
        setUp(kind, null);
        Caller volunteer = host(user("v1", UserRights.WORKER_USER));
        WorkRow work = works.submit(scientist, new WorkSubmit("sim", List.of(), null, null, null));
        assertThat(work.status()).isEqualTo(WorkStatus.PENDING);
        Assignment only = claim(volunteer).orElseThrow();
        assertThat(only.workUid()).isEqualTo(work.uid());
        deliver(volunteer, only, "x\n");
        assertThat(works.get(scientist, work.uid()).status()).isEqualTo(WorkStatus.COMPLETED);
        assertThat(verdicts(work.uid())).isEmpty();
    }

    private String hostOf(Caller host) {
        return host.host().orElseThrow();
    }

    private int trust(Caller host) {
        return jdbc.tx("trust", c -> new CertificationRepository().trust(c, hostOf(host)));
    }

    /** One work run by {@code first} (its one copy), then by {@code checkers} in turn while copies are wanted. */
    private WorkRow run(Caller first, String firstOutput, Caller... checkers) throws Exception {
        WorkRow work = works.submit(scientist, new WorkSubmit("sim", List.of(), null, null, null));
        deliver(first, claim(first).orElseThrow(), firstOutput);
        for (Caller checker : checkers) {
            Optional<Assignment> copy = claim(checker);
            if (copy.isPresent()) {
                deliver(checker, copy.get(), "49\n");
            }
        }
        return works.get(scientist, work.uid());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aTrustedCheaterIsCaughtAtItsFirstSpotCheckAndEveryResultItDeliveredAloneIsReverified(String kind) throws Exception {
        setUp(kind, new Replication(2, null, null, null, null, true));
        Caller honestA = host(user("anna", UserRights.WORKER_USER));
        Caller honestB = host(user("ben", UserRights.WORKER_USER));
        Caller cheater = host(user("mallory", UserRights.WORKER_USER));
        // Warm-up: until trusted, every lone result is checked by a second copy.
        for (int i = 0; i < Trust.TRUSTED_AFTER; i++) {
            assertThat(run(cheater, "49\n", honestA).status()).isEqualTo(WorkStatus.COMPLETED);
        }
        assertThat(trust(cheater)).isEqualTo(Trust.TRUSTED_AFTER);
        // Trusted and not drawn for a check: forged results stand alone for now.
        List<WorkRow> forgedAlone = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            WorkRow alone = run(cheater, "666\n");
            assertThat(alone.status()).isEqualTo(WorkStatus.COMPLETED);
            assertThat(alone.hostUid()).isEqualTo(hostOf(cheater));
            forgedAlone.add(alone);
        }
        // The next draw checks it: caught at its first checked forgery.
        draws = () -> 0.0;
        WorkRow checked = run(cheater, "666\n", honestA, honestB);
        assertThat(checked.status()).isEqualTo(WorkStatus.COMPLETED);
        assertThat(checked.hostUid()).isIn(hostOf(honestA), hostOf(honestB));
        assertThat(trust(cheater)).isZero();
        // Every result it delivered alone is re-verified, never by itself: the re-checks disagree,
        // so those works are PENDING again (their owner sees why), then certified by honest hosts.
        assertThat(claim(cheater)).isEmpty();
        for (int i = 0; i < forgedAlone.size(); i++) {
            deliver(honestA, claim(honestA).orElseThrow(), "49\n");
        }
        for (WorkRow w : forgedAlone) {
            WorkRow reopened = works.get(scientist, w.uid());
            assertThat(reopened.status()).isEqualTo(WorkStatus.PENDING);
            assertThat(reopened.resultDataUid()).isNull();
            assertThat(reopened.errorMessage()).contains("result withdrawn").contains(hostOf(cheater));
        }
        assertThat(works.list(scientist, WorkStatus.PENDING, null, null)).hasSize(forgedAlone.size());
        for (int i = 0; i < forgedAlone.size(); i++) {
            deliver(honestB, claim(honestB).orElseThrow(), "49\n");
        }
        for (WorkRow w : forgedAlone) {
            WorkRow done = works.get(scientist, w.uid());
            assertThat(done.status()).isEqualTo(WorkStatus.COMPLETED);
            assertThat(done.hostUid()).isIn(hostOf(honestA), hostOf(honestB));
            assertThat(done.errorMessage()).isNull();
            assertThat(verdicts(w.uid())).containsExactlyInAnyOrder("INVALID", "VALID", "VALID");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void withHonestHostsOnlyCopiesPerWorkApproachOnePlusTheSpotCheckRate(String kind) throws Exception {
        setUp(kind, new Replication(2, null, null, null, null, true));
        java.util.Random seeded = new java.util.Random(14);
        draws = seeded::nextDouble;
        Caller[] honest = {host(user("anna", UserRights.WORKER_USER)), host(user("ben", UserRights.WORKER_USER))};
        int works = Integer.getInteger("certification.trustWorks", 120);
        int warmUp = works / 2;
        int copiesAfterWarmUp = 0;
        for (int i = 0; i < works; i++) {
            Caller first = honest[i % 2];
            WorkRow work = run(first, "49\n", honest[(i + 1) % 2]);
            assertThat(work.status()).isEqualTo(WorkStatus.COMPLETED);
            if (i >= warmUp) {
                copiesAfterWarmUp += verdicts(work.uid()).size();
            }
        }
        double perWork = copiesAfterWarmUp / (double) (works - warmUp);
        double rate = Trust.spotCheckRate(Math.min(trust(honest[0]), trust(honest[1])));
        System.out.printf("adaptive trust (%s): %.3f copies per work over works %d-%d, spot-check rate now %.3f (floor %.2f)%n",
                kind, perWork, warmUp + 1, works, rate, Trust.MIN_SPOT_CHECK);
        assertThat(perWork).isGreaterThan(1.0).isLessThan(1.5);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aValidationThatFailsHalfwayLeavesNothingHalfDoneAndTheReportAgainCompletesTheWorkOnce(String kind) throws Exception {
        setUp(kind, new Replication(2, null, null, null, "failing-once"));
        Caller v1 = host(user("v1", UserRights.WORKER_USER));
        Caller v2 = host(user("v2", UserRights.WORKER_USER));
        WorkRow work = works.submit(scientist, new WorkSubmit("sim", List.of(), null, null, null));
        Assignment first = claim(v1).orElseThrow();
        Assignment second = claim(v2).orElseThrow();
        deliver(v1, first, "49\n");
        outcomes.result(v2, second.taskUid(), new ByteArrayInputStream(ResultZips.zip(1L, "stdout", "49\n")), null);
        FailingOnceComparator.failNext();
        TaskReport done = new TaskReport(WorkStatus.COMPLETED, 0, null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> outcomes.report(v2, second.taskUid(), done))
                .hasStackTraceContaining("the disk failed");
        // The report and its validation were one transaction: the copy still awaits its report, the
        // work is still being certified, no verdict was written.
        assertThat(works.get(scientist, second.workUid()).status()).isEqualTo(WorkStatus.DATAREQUEST);
        assertThat(works.get(scientist, work.uid()).status()).isEqualTo(WorkStatus.RUNNING);
        assertThat(verdicts(work.uid())).containsExactly("PENDING", "PENDING");
        // The worker reports again (as it does after an error): the work completes, once.
        outcomes.report(v2, second.taskUid(), done);
        WorkRow completed = works.get(scientist, work.uid());
        assertThat(completed.status()).isEqualTo(WorkStatus.COMPLETED);
        assertThat(verdicts(work.uid())).containsExactly("VALID", "VALID");
        certifier.sweep(true);
        assertThat(works.get(scientist, work.uid()).version()).isEqualTo(completed.version());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> outcomes.report(v2, second.taskUid(), done))
                .isInstanceOf(xtremweb.server.refusal.Conflict.class);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aValidationThatEveryDeadlockRollsBackStillKeepsTheCopiesOnIndependentHosts(String kind) throws Exception {
        // The report that certifies runs again when a deadlock rolls it back; what it decided in
        // memory (the work's copies may go anywhere now: it ended) must wait for its commit.
        setUp(kind, new Replication(2, null, null, null, null));
        Caller anna = host(user("anna", UserRights.WORKER_USER));
        Caller ben = host(user("ben", UserRights.WORKER_USER));
        Caller carl = host(user("carl", UserRights.WORKER_USER));
        WorkRow work = works.submit(scientist, new WorkSubmit("sim", List.of(), null, null, null));
        deliver(anna, claim(anna).orElseThrow(), "49\n");
        Assignment bens = claim(ben).orElseThrow();
        outcomes.result(ben, bens.taskUid(), new ByteArrayInputStream(ResultZips.zip(clock.millis(), "stdout", "49\n")), null);
        victims.untilGivenUp("UPDATE tasks SET status");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> outcomes.report(ben, bens.taskUid(),
                new TaskReport(WorkStatus.COMPLETED, 0, null))).isInstanceOf(DbException.class);

        assertThat(works.get(scientist, work.uid()).status()).isEqualTo(WorkStatus.RUNNING);
        // Ben's copy, lost with its lease, is queued again: never for anna, who computed its sibling.
        clock.advance(PAST_A_LEASE);
        assertThat(reaper.reapOnce()).isEqualTo(1);
        assertThat(claim(anna)).isEmpty();
        deliver(carl, claim(carl).orElseThrow(), "49\n");
        assertThat(works.get(scientist, work.uid()).status()).isEqualTo(WorkStatus.COMPLETED);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aStaleQueueEntryOfTheCopyACheaterRunsNeverHandsItTheSibling(String kind) throws Exception {
        // The ready queue is a hint: a refill that read a copy as PENDING just before its claim
        // committed offers it again. The host running it takes that entry, its claim fails, and it
        // asks the queue again: the sibling must still be refused, or it would agree with itself.
        setUp(kind, new Replication(2, null, null, null, null));
        Caller cheater = host(user("mallory", UserRights.WORKER_USER));
        Caller honest = host(user("bob", UserRights.WORKER_USER));
        WorkRow work = works.submit(scientist, new WorkSubmit("sim", List.of(), null, null, null));
        List<WorkRow> copies = jdbc.tx("copies", c -> workRows.oldestPendingOfEach(c, List.of(scientist.userUid()), 10));
        assertThat(copies).hasSize(2);
        Assignment taken = claim(cheater).orElseThrow();
        WorkRow stale = copies.stream().filter(w -> w.uid().equals(taken.workUid())).findFirst().orElseThrow();
        signal.submitted(List.of(stale));

        assertThat(claim(cheater)).as("the stale entry, then the sibling").isEmpty();
        deliver(cheater, taken, "forged\n");
        Assignment sibling = claim(honest).orElseThrow();
        assertThat(sibling.workUid()).isNotEqualTo(taken.workUid());
        deliver(honest, sibling, "49\n");
        // Two results, two answers: the third copy goes to neither host that already answered.
        assertThat(works.get(scientist, work.uid()).status()).isEqualTo(WorkStatus.RUNNING);
        assertThat(claim(cheater)).isEmpty();
        assertThat(claim(honest)).isEmpty();
        Caller carl = host(user("carl", UserRights.WORKER_USER));
        deliver(carl, claim(carl).orElseThrow(), "49\n");
        assertThat(works.get(scientist, work.uid()).status()).isEqualTo(WorkStatus.COMPLETED);
        assertThat(verdictOf(taken.workUid())).isEqualTo("INVALID");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void copiesLostToLeasesThatEndedWhileTheServerWasDownStillFindHostsOnAGridOfThreeVolunteers(String kind) throws Exception {
        setUp(kind, new Replication(2, null, null, null, null));
        Caller anna = host(user("anna", UserRights.WORKER_USER));
        Caller ben = host(user("ben", UserRights.WORKER_USER));
        Caller carl = host(user("carl", UserRights.WORKER_USER));
        WorkRow work = works.submit(scientist, new WorkSubmit("sim", List.of(), null, null, null));
        Assignment first = claim(anna).orElseThrow();
        Assignment second = claim(ben).orElseThrow();
        // SIGKILL while both copies run; the server is back after their leases ended.
        clock.advance(PAST_A_LEASE);
        restart();
        assertThat(reaper.reapOnce()).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> deliver(anna, first, "49\n"))
                .isInstanceOf(xtremweb.server.refusal.Conflict.class);
        // Both copies are queued again: one goes to carl, the other back to anna or ben, not both.
        Assignment third = claim(carl).orElseThrow();
        Assignment fourth = claim(anna).orElseThrow();
        assertThat(claim(ben)).isEmpty();
        assertThat(List.of(third.workUid(), fourth.workUid())).containsExactlyInAnyOrder(first.workUid(), second.workUid());
        deliver(carl, third, "49\n");
        deliver(anna, fourth, "49\n");
        assertThat(works.get(scientist, work.uid()).status()).isEqualTo(WorkStatus.COMPLETED);
        assertThat(verdicts(work.uid())).containsExactly("VALID", "VALID");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aCopyLostTwiceMayGoBackToAHostThatLostItButNeverBesideItsSibling(String kind) throws Exception {
        setUp(kind, new Replication(2, null, null, null, null));
        Caller anna = host(user("anna", UserRights.WORKER_USER));
        Caller ben = host(user("ben", UserRights.WORKER_USER));
        Caller carl = host(user("carl", UserRights.WORKER_USER));
        WorkRow work = works.submit(scientist, new WorkSubmit("sim", List.of(), null, null, null));
        Assignment lostByAnna = claim(anna).orElseThrow();
        deliver(ben, claim(ben).orElseThrow(), "49\n");
        clock.advance(PAST_A_LEASE);
        assertThat(reaper.reapOnce()).isEqualTo(1);
        assertThat(claim(ben)).isEmpty();
        Assignment lostByCarl = claim(carl).orElseThrow();
        assertThat(lostByCarl.workUid()).isEqualTo(lostByAnna.workUid());
        clock.advance(PAST_A_LEASE);
        assertThat(reaper.reapOnce()).isEqualTo(1);
        // Every volunteer has held a copy of the work, yet the lost copy is not stranded.
        assertThat(claim(ben)).isEmpty();
        Assignment again = claim(anna).orElseThrow();
        assertThat(again.workUid()).isEqualTo(lostByAnna.workUid());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> deliver(anna, lostByAnna, "50\n"))
                .isInstanceOf(xtremweb.server.refusal.Conflict.class);
        deliver(anna, again, "49\n");
        assertThat(works.get(scientist, work.uid()).status()).isEqualTo(WorkStatus.COMPLETED);
        assertThat(verdicts(work.uid())).containsExactly("VALID", "VALID");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void afterARestartACaughtHostStillGetsNoReCheckOfAResultItDeliveredAlone(String kind) throws Exception {
        setUp(kind, new Replication(2, null, null, null, null, true));
        Caller honestA = host(user("anna", UserRights.WORKER_USER));
        Caller honestB = host(user("ben", UserRights.WORKER_USER));
        Caller cheater = host(user("mallory", UserRights.WORKER_USER));
        for (int i = 0; i < Trust.TRUSTED_AFTER; i++) {
            run(cheater, "49\n", honestA);
        }
        WorkRow forgedAlone = run(cheater, "666\n");
        assertThat(forgedAlone.hostUid()).isEqualTo(hostOf(cheater));
        draws = () -> 0.0;
        run(cheater, "666\n", honestA, honestB);
        assertThat(trust(cheater)).isZero();
        // Killed once the re-check copy is queued: the restarted server must still keep the cheater off it.
        restart();
        assertThat(claim(cheater)).isEmpty();
        deliver(honestA, claim(honestA).orElseThrow(), "49\n");
        WorkRow reopened = works.get(scientist, forgedAlone.uid());
        assertThat(reopened.status()).isEqualTo(WorkStatus.PENDING);
        assertThat(reopened.errorMessage()).contains("result withdrawn");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void deletingTheAppEndsTheCopiesNoWorkerStartedAndTheirWorksInsteadOfLeavingThemPendingForGood(String kind)
            throws Exception {
        setUp(kind, new Replication(2, null, null, null, null));
        Caller bobs = host(user("bob", UserRights.WORKER_USER));
        WorkRow started = works.submit(scientist, new WorkSubmit("sim", List.of("2"), null, null, null));
        Assignment running = claim(bobs).orElseThrow();
        assertThat(copiesOf(started.uid())).contains(running.workUid());
        WorkRow untouched = works.submit(scientist, new WorkSubmit("sim", List.of("1"), null, null, null));

        apps.delete(scientist, "sim");

        WorkRow ended = works.get(scientist, untouched.uid());
        assertThat(ended.status()).isEqualTo(WorkStatus.ERROR);
        assertThat(ended.errorMessage()).contains("app 'sim' was deleted");
        for (String copy : copiesOf(untouched.uid())) {
            WorkRow row = works.get(scientist, copy);
            assertThat(row.status()).as("copy " + copy).isEqualTo(WorkStatus.ERROR);
            assertThat(row.errorMessage()).contains("app 'sim' was deleted");
        }
        for (String copy : copiesOf(started.uid())) {
            if (!copy.equals(running.workUid())) {
                assertThat(works.get(scientist, copy).status()).as("queued copy " + copy).isEqualTo(WorkStatus.ERROR);
            }
        }
        // The copy a worker runs goes on; its result alone is no quorum and no copy of a deleted app is issued.
        assertThat(works.get(scientist, started.uid()).status()).isEqualTo(WorkStatus.RUNNING);
        deliver(bobs, running, "4\n");
        WorkRow last = works.get(scientist, started.uid());
        assertThat(last.status()).isEqualTo(WorkStatus.ERROR);
        assertThat(last.errorMessage()).contains("app 'sim' was deleted");
        assertThat(copiesOf(started.uid())).hasSize(2);
        // Nothing left for the sweep to look at again and again.
        assertThat(verdicts(untouched.uid())).doesNotContain("PENDING");
        assertThat(verdicts(started.uid())).doesNotContain("PENDING");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aCopyWithdrawnOnceItsWorkEndedKeepsItsTaskListedAndADeletedWorksCopiesListNone(String kind) throws Exception {
        setUp(kind, new Replication(2, 3, 3, 1, null));
        Caller bobs = host(user("bob", UserRights.WORKER_USER));
        Caller carols = host(user("carol", UserRights.WORKER_USER));
        Caller daves = host(user("dave", UserRights.WORKER_USER));
        WorkRow work = works.submit(scientist, new WorkSubmit("sim", List.of("7"), null, null, null));
        Assignment first = claim(bobs).orElseThrow();
        Assignment second = claim(carols).orElseThrow();
        Assignment late = claim(daves).orElseThrow();
        deliver(bobs, first, "49\n");
        deliver(carols, second, "49\n");
        assertThat(works.get(scientist, work.uid()).status()).isEqualTo(WorkStatus.COMPLETED);
        // Dave's copy, still running, was withdrawn: his attempt stays in the work's history.
        assertThat(taskList.tasks(scientist)).extracting(TaskView::uid)
                .containsExactlyInAnyOrder(first.taskUid(), second.taskUid(), late.taskUid());

        works.delete(scientist, work.uid());

        assertThat(taskList.tasks(scientist)).isEmpty();
    }

    private List<String> copiesOf(String workUid) {
        return jdbc.tx("copies", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT uid FROM works WHERE certifies = ? ORDER BY submitted, uid")) {
                ps.setString(1, workUid);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }
}
