package xtremweb.server.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
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
import xtremweb.common.wire.TaskReport;
import xtremweb.common.wire.WorkRequest;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.server.MutableClock;
import xtremweb.server.app.AppBinaryRepository;
import xtremweb.server.app.AppRepository;
import xtremweb.server.app.AppRow;
import xtremweb.server.app.AppService;
import xtremweb.server.certification.ResultCertification;
import xtremweb.server.data.DataLimits;
import xtremweb.server.data.DataRepository;
import xtremweb.server.data.DataRow;
import xtremweb.server.data.DataService;
import xtremweb.server.data.LocalDataStore;
import xtremweb.server.db.Jdbc;
import xtremweb.server.db.TestDatabase;
import xtremweb.server.grouping.Groupings;
import xtremweb.server.host.HostRepository;
import xtremweb.server.host.HostService;
import xtremweb.server.metrics.GridMetrics;
import xtremweb.server.policy.AccessPolicy;
import xtremweb.server.policy.Caller;
import xtremweb.server.refusal.Conflict;
import xtremweb.server.refusal.Forbidden;
import xtremweb.server.refusal.NotFound;
import xtremweb.server.refusal.TooLarge;
import xtremweb.server.scheduler.Scheduler;
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
 * The result upload of a task this server started: recorded in one transaction, the task and its
 * work known from the claim ({@link StartedTasks}) instead of read back first, and every refusal and
 * every outcome the same as an upload that reads them (each case runs both ways). On the embedded
 * database and on MariaDB.
 */
class ResultUploadTest {
    private static final int ALIVE_PERIOD = 10;
    @TempDir
    Path temp;
    private TestDatabase db;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final AtomicInteger connections = new AtomicInteger();
    private Jdbc jdbc;
    private Scheduler scheduler;
    private TaskOutcomes outcomes;
    private Reaper reaper;
    private WorkService works;
    private StartedTasks started;
    private Caller alice;
    private Caller bob;
    private Caller worker;
    private DataService datas;
    /** data.maxSize and data.quota of the server under test. */
    private DataLimits limits = DataLimits.NONE;

    static List<Object[]> cases() {
        return TestDatabase.kinds().flatMap(k -> java.util.stream.Stream.of(new Object[] {k, true}, new Object[] {k, false})).toList();
    }

    /** {@code hinted}: the scheduler tells the outcomes of the tasks it starts, as in a server. */
    private void setUp(String kind, boolean hinted) throws Exception {
        db = TestDatabase.open(kind, temp.resolve("db"));
        DataSource real = db.dataSource();
        // Counts the connections taken, one per transaction.
        DataSource counting = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        connections.incrementAndGet();
                        if (databaseDown.get()) {
                            // What Hikari throws when no connection could be made within its wait: its last attempt's failure.
                            throw new java.sql.SQLTransientConnectionException("xw-db - Connection is not available, request"
                                    + " timed out after 30000ms.", "08S01", new java.sql.SQLException("Communications link failure",
                                    "08S01"));
                        }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        jdbc = new Jdbc(counting);
        GridMetrics metrics = GridMetrics.inMemory();
        UserRepository users = new UserRepository();
        alice = user(users, "alice", UserRights.STANDARD_USER);
        bob = user(users, "bob", UserRights.STANDARD_USER);
        worker = user(users, "worker", UserRights.WORKER_USER);
        AccessPolicy policy = new AccessPolicy();
        DataRepository dataRows = new DataRepository();
        datas = new DataService(jdbc, dataRows, new LocalDataStore(temp.resolve("data")), policy, clock, "xw://test:1/", limits);
        AppBinaryRepository binaries = new AppBinaryRepository();
        AppService apps = new AppService(jdbc, new AppRepository(binaries), binaries, datas, policy, clock);
        signal = new WorkSignal();
        WorkRepository workRows = new WorkRepository();
        Sessions sessions = new Sessions(jdbc, users, new TokenRepository(), new PasswordHasher(), clock, Duration.ofHours(1), metrics);
        hostService = new HostService(jdbc, new HostRepository(), sessions, policy, clock, ALIVE_PERIOD);
        works = new WorkService(jdbc, workRows, apps, datas, policy, signal, clock, hostService.directory(),
                new Groupings(jdbc, workRows, datas, policy, clock), metrics);
        scheduler = new Scheduler(jdbc, workRows, hostService.directory(), apps, datas, policy, signal, clock, ALIVE_PERIOD, metrics);
        // As the server makes it: the tasks each host holds capped (host.maxTasks), told of every task that ends here.
        HeldTasks held = new HeldTasks(jdbc, clock, maxTasks, Duration.ofDays(7));
        scheduler.capHeldTasks(held);
        started = new StartedTasks(Leases.length(ALIVE_PERIOD), held::ended);
        if (hinted) {
            scheduler.onStarted(started::started);
        }
        outcomes = new TaskOutcomes(jdbc, workRows, hostService.directory(), apps, datas, dataRows, policy, signal, metrics, clock,
                ResultCertification.NONE, started);
        reaper = new Reaper(jdbc, workRows, hostService.directory(), signal, metrics, clock, 3);
        // As the server makes it: knowing how long a lease lasts.
        serversReaper = new Reaper(jdbc, workRows, hostService.directory(), signal, metrics, clock, 3, Leases.length(ALIVE_PERIOD));
        String binaryUid = UUID.randomUUID().toString();
        jdbc.tx("seed", c -> {
            dataRows.insert(c, new DataRow(binaryUid, "app", null, "linux", "amd64", 3L, "00", 3L, "00",
                    DataStatus.AVAILABLE, AccessRights.PUBLIC, alice.userUid(), null, clock.instant()));
            new AppRepository(binaries).insert(c, new AppRow(UUID.randomUUID().toString(), "echo", alice.userUid(), null,
                    AccessRights.PUBLIC, clock.instant(), List.of(new AppBinary("linux", "amd64", binaryUid))));
            return null;
        });
    }

    private HostService hostService;
    private int maxTasks = xtremweb.server.ServerConfig.DEFAULT_HOST_MAX_TASKS;
    private WorkSignal signal;
    private Reaper serversReaper;
    private final java.util.concurrent.atomic.AtomicBoolean databaseDown = new java.util.concurrent.atomic.AtomicBoolean();

    private Caller user(UserRepository users, String login, UserRights rights) {
        UserRow row = new UserRow(UUID.randomUUID().toString(), login, "x", null, rights, null, clock.instant());
        jdbc.tx("user", c -> {
            users.insert(c, row);
            return null;
        });
        return row.caller();
    }

    private Caller host() {
        String uid = hostService.register(worker, new HostRegistration(null, "h-" + UUID.randomUUID(), "linux", "x86_64", 4, 1L << 33,
                "21")).hostUid();
        return new Caller(worker.userUid(), worker.login(), worker.rights(), worker.usergroupUid(), uid);
    }

    private Assignment claim(Caller host) throws InterruptedException {
        return scheduler.request(host, new WorkRequest(0)).assignment();
    }

    /** Uploads a result zip (protocol 2: with the exit code, the upload is the COMPLETED report); answers the transactions it took. */
    private int upload(Caller host, Assignment a, Integer exitCode) throws Exception {
        int before = connections.get();
        outcomes.result(host, a.taskUid(), new ByteArrayInputStream(new byte[] {1, 2, 3}), null, exitCode);
        return connections.get() - before;
    }

    @AfterEach
    void tearDown() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest(name = "{0}, hinted {1}")
    @MethodSource("cases")
    void aResultCompletesTheWorkAndEndsTheTaskInOneTransactionWhenTheClaimIsKnown(String kind, boolean hinted) throws Exception {
        setUp(kind, hinted);
        Caller host = host();
        WorkRow work = works.submit(alice, new WorkSubmit("echo", List.of("7"), null, null, null));
        Assignment a = claim(host);
        assertThat(upload(host, a, 0)).isEqualTo(hinted ? 1 : 2);
        WorkRow done = works.get(alice, work.uid());
        assertThat(done.status()).isEqualTo(WorkStatus.COMPLETED);
        assertThat(done.exitCode()).isZero();
        assertThat(done.hostUid()).isEqualTo(host.host().orElseThrow());
        assertThat(started.size()).isZero();
        // Typed as the clients type the zips they send: xwdatas and the Data tab showed 'zip' beside 'ZIP'.
        DataRow result = jdbc.tx("result", c -> new DataRepository().byUid(c, done.resultDataUid()).orElseThrow());
        assertThat(result.type()).isEqualTo("ZIP");
        // The same task cannot deliver twice, hint or not.
        assertThatThrownBy(() -> upload(host, a, 0)).isInstanceOf(Conflict.class);
    }

    @ParameterizedTest(name = "{0}, hinted {1}")
    @MethodSource("cases")
    void aChmodAfterTheClaimStillLetsTheResultInWithTheWorksNewRights(String kind, boolean hinted) throws Exception {
        setUp(kind, hinted);
        Caller host = host();
        WorkRow work = works.submit(alice, new WorkSubmit("echo", List.of(), null, null, null));
        Assignment a = claim(host);
        works.chmod(alice, work.uid(), "700");
        upload(host, a, 0);
        WorkRow done = works.get(alice, work.uid());
        assertThat(done.status()).isEqualTo(WorkStatus.COMPLETED);
        DataRow result = jdbc.tx("result", c -> new DataRepository().byUid(c, done.resultDataUid()).orElseThrow());
        assertThat(result.rights()).isEqualTo(done.rights());
        assertThat(result.ownerUid()).isEqualTo(alice.userUid());
    }

    @ParameterizedTest(name = "{0}, hinted {1}")
    @MethodSource("cases")
    void aChmodOfACompletedWorkHidesItsResultFromWhoeverMayNoLongerReadTheWork(String kind, boolean hinted) throws Exception {
        setUp(kind, hinted);
        Caller host = host();
        WorkRow work = works.submit(alice, new WorkSubmit("echo", List.of(), null, null, null));
        upload(host, claim(host), 0);
        String resultUid = works.get(alice, work.uid()).resultDataUid();
        assertThat(datas.readable(bob, resultUid).rights()).isEqualTo(work.rights());

        works.chmod(alice, work.uid(), "700");

        assertThat(datas.readable(alice, resultUid).rights()).isEqualTo(AccessRights.PRIVATE);
        assertThatThrownBy(() -> datas.readable(bob, resultUid)).isInstanceOf(NotFound.class);
        assertThat(datas.list(bob)).extracting(DataRow::uid).doesNotContain(resultUid);
        works.chmod(alice, work.uid(), "755");
        assertThat(datas.readable(bob, resultUid).rights()).isEqualTo(AccessRights.PUBLIC);
    }

    @ParameterizedTest(name = "{0}, hinted {1}")
    @MethodSource("cases")
    void anotherHostsUploadIsForbiddenAndTheRightHostsStillLands(String kind, boolean hinted) throws Exception {
        setUp(kind, hinted);
        Caller host = host();
        Caller intruder = host();
        WorkRow work = works.submit(alice, new WorkSubmit("echo", List.of(), null, null, null));
        Assignment a = claim(host);
        assertThatThrownBy(() -> upload(intruder, a, 0)).isInstanceOf(Forbidden.class);
        upload(host, a, 0);
        assertThat(works.get(alice, work.uid()).status()).isEqualTo(WorkStatus.COMPLETED);
    }

    @ParameterizedTest(name = "{0}, hinted {1}")
    @MethodSource("cases")
    void aLostLeaseRefusesTheLateResultAndTheWorkRunsAgainElsewhere(String kind, boolean hinted) throws Exception {
        setUp(kind, hinted);
        Caller slow = host();
        Caller rescuer = host();
        WorkRow work = works.submit(alice, new WorkSubmit("echo", List.of(), null, null, null));
        Assignment lost = claim(slow);
        clock.advance(Leases.length(ALIVE_PERIOD).plusSeconds(1));
        assertThat(reaper.reapOnce()).isEqualTo(1);
        Assignment again = claim(rescuer);
        assertThat(again.workUid()).isEqualTo(work.uid());
        assertThatThrownBy(() -> upload(slow, lost, 0)).isInstanceOf(Conflict.class);
        upload(rescuer, again, 0);
        WorkRow done = works.get(alice, work.uid());
        assertThat(done.status()).isEqualTo(WorkStatus.COMPLETED);
        assertThat(done.hostUid()).isEqualTo(rescuer.host().orElseThrow());
    }

    @ParameterizedTest(name = "{0}, hinted {1}")
    @MethodSource("cases")
    void aLeaseThatEndedWhileTheDatabaseWasDownIsRenewedSoTheHostsResultIsTaken(String kind, boolean hinted) throws Exception {
        // Seen with a MariaDB killed for 50 s mid-sweep: heartbeats failed with it, the leases ended,
        // and once it was back the reaper lost the tasks and refused the results their hosts had kept.
        setUp(kind, hinted);
        Caller host = host();
        WorkRow work = works.submit(alice, new WorkSubmit("echo", List.of(), null, null, null));
        Assignment a = claim(host);
        databaseDown.set(true);
        clock.advance(Leases.length(ALIVE_PERIOD).plusSeconds(1));
        assertThatThrownBy(() -> serversReaper.reapOnce()).isInstanceOf(xtremweb.server.db.DbException.class);
        databaseDown.set(false);
        assertThat(serversReaper.reapOnce()).as("tasks found lost right after the outage").isZero();
        upload(host, a, 0);
        assertThat(works.get(alice, work.uid()).status()).isEqualTo(WorkStatus.COMPLETED);
    }

    @ParameterizedTest(name = "{0}, hinted {1}")
    @MethodSource("cases")
    void aResultKeptThroughADatabaseOutageIsTakenEvenBeforeTheReaperRenewsTheLeases(String kind, boolean hinted) throws Exception {
        // Seen live: the worker's retry came 30 ms before the reaper's first pass after the outage,
        // was refused 409 on the lease's time alone, and the host dropped the result.
        setUp(kind, hinted);
        Caller host = host();
        WorkRow work = works.submit(alice, new WorkSubmit("echo", List.of(), null, null, null));
        Assignment a = claim(host);
        databaseDown.set(true);
        clock.advance(Leases.length(ALIVE_PERIOD).plusSeconds(1));
        assertThatThrownBy(() -> upload(host, a, 0)).isInstanceOf(xtremweb.server.db.DbException.class);
        databaseDown.set(false);
        upload(host, a, 0);
        assertThat(works.get(alice, work.uid()).status()).isEqualTo(WorkStatus.COMPLETED);
        assertThat(serversReaper.reapOnce()).as("nothing left to reap").isZero();
        assertThatThrownBy(() -> upload(host, a, 0)).as("delivered once").isInstanceOf(Conflict.class);
    }

    @ParameterizedTest(name = "{0}, hinted {1}")
    @MethodSource("cases")
    void aHostGoneDuringADatabaseOutageLosesItsTaskOneLeaseAfterTheDatabaseIsBack(String kind, boolean hinted) throws Exception {
        setUp(kind, hinted);
        Caller gone = host();
        Caller rescuer = host();
        WorkRow work = works.submit(alice, new WorkSubmit("echo", List.of(), null, null, null));
        claim(gone);
        databaseDown.set(true);
        clock.advance(Leases.length(ALIVE_PERIOD).plusSeconds(1));
        assertThatThrownBy(() -> serversReaper.reapOnce()).isInstanceOf(xtremweb.server.db.DbException.class);
        databaseDown.set(false);
        assertThat(serversReaper.reapOnce()).isZero();
        clock.advance(Leases.length(ALIVE_PERIOD).plusSeconds(1));
        assertThat(serversReaper.reapOnce()).as("the renewed lease ended without a word from its host").isEqualTo(1);
        Assignment again = claim(rescuer);
        assertThat(again.workUid()).isEqualTo(work.uid());
        upload(rescuer, again, 0);
        assertThat(works.get(alice, work.uid()).status()).isEqualTo(WorkStatus.COMPLETED);
    }

    @ParameterizedTest(name = "{0}, hinted {1}")
    @MethodSource("cases")
    void aTaskGivenBackRefusesItsResultEvenWithinItsFirstLease(String kind, boolean hinted) throws Exception {
        setUp(kind, hinted);
        Caller host = host();
        WorkRow work = works.submit(alice, new WorkSubmit("echo", List.of(), null, null, null));
        Assignment a = claim(host);
        outcomes.giveBack(host, a.taskUid());
        assertThatThrownBy(() -> upload(host, a, 0)).isInstanceOf(Conflict.class);
        assertThat(works.get(alice, work.uid()).status()).isEqualTo(WorkStatus.PENDING);
    }

    @ParameterizedTest(name = "{0}, hinted {1}")
    @MethodSource("cases")
    void aWorkClaimedAgainAfterItsTaskWasLostRefusesTheOldTasksResultWhoseHintLooksValid(String kind, boolean hinted)
            throws Exception {
        // The old task's hint still looks valid by its own lease if another server's clock reaped it
        // early: the conditional write, then the read, still refuse it.
        setUp(kind, hinted);
        Caller first = host();
        Caller second = host();
        WorkRow work = works.submit(alice, new WorkSubmit("echo", List.of(), null, null, null));
        Assignment old = claim(first);
        jdbc.tx("another server reaps it", c -> {
            try (var ps = c.prepareStatement("UPDATE tasks SET status = 'LOST' WHERE uid = ?")) {
                ps.setString(1, old.taskUid());
                ps.executeUpdate();
            }
            try (var ps = c.prepareStatement("UPDATE works SET status = 'PENDING', version = version + 1 WHERE uid = ?")) {
                ps.setString(1, work.uid());
                ps.executeUpdate();
            }
            return null;
        });
        assertThatThrownBy(() -> upload(first, old, 0)).isInstanceOf(Conflict.class);
        // This server's queue learns of the re-queued work as from another server: by a refill.
        signal.signal();
        Assignment current = claim(second);
        assertThatThrownBy(() -> upload(first, old, 0)).isInstanceOf(Conflict.class);
        upload(second, current, 0);
        assertThat(works.get(alice, work.uid()).hostUid()).isEqualTo(second.host().orElseThrow());
    }

    @ParameterizedTest(name = "{0}, hinted {1}")
    @MethodSource("cases")
    void protocolOneUploadThenReportStillWorks(String kind, boolean hinted) throws Exception {
        setUp(kind, hinted);
        Caller host = host();
        WorkRow work = works.submit(alice, new WorkSubmit("echo", List.of(), null, null, null));
        Assignment a = claim(host);
        assertThat(upload(host, a, null)).isEqualTo(hinted ? 1 : 2);
        assertThat(works.get(alice, work.uid()).status()).isEqualTo(WorkStatus.DATAREQUEST);
        outcomes.report(host, a.taskUid(), new TaskReport(WorkStatus.COMPLETED, 3, null));
        WorkRow done = works.get(alice, work.uid());
        assertThat(done.status()).isEqualTo(WorkStatus.COMPLETED);
        assertThat(done.exitCode()).isEqualTo(3);
        assertThat(started.size()).isZero();
    }

    @ParameterizedTest(name = "{0}, hinted {1}")
    @MethodSource("cases")
    void aWorkDeletedByItsOwnerWhileRunningEndsTheSameWayHintOrNot(String kind, boolean hinted) throws Exception {
        setUp(kind, hinted);
        Caller host = host();
        WorkRow work = works.submit(alice, new WorkSubmit("echo", List.of(), null, null, null));
        Assignment a = claim(host);
        works.delete(alice, work.uid());
        String outcome;
        try {
            upload(host, a, 0);
            outcome = "accepted";
        } catch (Conflict e) {
            outcome = "conflict";
        }
        // The reading path accepts it (the work is still RUNNING; the worker's next heartbeat is
        // told to cancel what it still runs): with the hint, the same.
        assertThat(outcome).isEqualTo("accepted");
        assertThat(jdbc.tx("row", c -> new WorkRepository().byUid(c, work.uid()).orElseThrow()).status())
                .isEqualTo(WorkStatus.COMPLETED);
    }

    /** Uploads a result with its exit code and asks for {@code next} works in the same exchange; counts the transactions. */
    private TaskOutcomes.WithNext uploadAndNext(Caller host, Assignment a, int next, int[] transactions) throws Exception {
        int before = connections.get();
        TaskOutcomes.WithNext done = outcomes.resultAndNext(host, a.taskUid(), new ByteArrayInputStream(new byte[] {1, 2, 3}), null,
                0, scheduler, new WorkRequest(0, next));
        transactions[0] = connections.get() - before;
        return done;
    }

    @ParameterizedTest(name = "{0}, hinted {1}")
    @MethodSource("cases")
    void busyHostsReturningResultsTogetherShareCommitsAndEachWorkCompletesOnce(String kind, boolean hinted) throws Exception {
        // Group commit (issue 15): hosts whose result-and-next exchanges arrive together are
        // recorded in one transaction; every work still ends COMPLETED exactly once, by one host.
        setUp(kind, hinted);
        int hostCount = 12;
        int workCount = 120;
        List<Caller> hosts = new java.util.ArrayList<>();
        for (int i = 0; i < hostCount; i++) {
            hosts.add(host());
        }
        List<WorkRow> submitted = new java.util.ArrayList<>();
        for (int i = 0; i < workCount; i++) {
            submitted.add(works.submit(alice, new WorkSubmit("echo", List.of(String.valueOf(i)), null, null, null)));
        }
        java.util.Map<String, String> ranBy = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(hostCount);
        List<java.util.concurrent.Future<?>> running = new java.util.ArrayList<>();
        for (Caller host : hosts) {
            running.add(pool.submit(() -> {
                Assignment a = claim(host);
                go.await();
                while (a != null) {
                    assertThat(ranBy.putIfAbsent(a.workUid(), host.host().orElseThrow())).as("work %s given twice", a.workUid()).isNull();
                    TaskOutcomes.WithNext done = outcomes.resultAndNext(host, a.taskUid(), new ByteArrayInputStream(new byte[] {1, 2, 3}),
                            null, 0, scheduler, new WorkRequest(0, 1));
                    a = done.next().assignment();
                    if (a == null) {
                        // The claim with a result takes only what the ready queue holds at once;
                        // a worker then asks again, waiting a little, as a real one does.
                        a = scheduler.request(host, new WorkRequest(1)).assignment();
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (var f : running) {
            f.get(120, java.util.concurrent.TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(ranBy).hasSize(workCount);
        for (WorkRow w : submitted) {
            WorkRow done = works.get(alice, w.uid());
            assertThat(done.status()).isEqualTo(WorkStatus.COMPLETED);
            assertThat(done.hostUid()).isEqualTo(ranBy.get(w.uid()));
            assertThat(done.resultDataUid()).isNotNull();
        }
        int doneTasks = jdbc.tx("tasks", c -> {
            try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM tasks WHERE status = 'DONE'")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertThat(doneTasks).isEqualTo(workCount);
        assertThat(jdbc.groupCommit().grouped()).as("exchanges committed in groups").isPositive();
        if (kind.equals("mariadb")) {
            // A durable commit waits for the disk: exchanges arriving meanwhile share the next one.
            // (The embedded database commits in microseconds: whether two met there is luck.)
            assertThat(jdbc.groupCommit().groups()).as("fewer commits than exchanges").isLessThan(jdbc.groupCommit().grouped());
        }
        assertThat(started.size()).isZero();
    }

    @ParameterizedTest(name = "{0}, hinted {1}")
    @MethodSource("cases")
    void aResultAndTheClaimOfTheNextWorksAreOneTransaction(String kind, boolean hinted) throws Exception {
        setUp(kind, hinted);
        Caller host = host();
        WorkRow first = works.submit(alice, new WorkSubmit("echo", List.of("1"), null, null, null));
        Assignment a = claim(host);
        WorkRow second = works.submit(alice, new WorkSubmit("echo", List.of("2"), null, null, null));
        WorkRow third = works.submit(alice, new WorkSubmit("echo", List.of("3"), null, null, null));
        int[] transactions = new int[1];
        TaskOutcomes.WithNext done = uploadAndNext(host, a, 2, transactions);
        // Hinted: the result and the claim share one commit (two before: result, then claim).
        assertThat(transactions[0]).isEqualTo(hinted ? 1 : 2);
        assertThat(works.get(alice, first.uid()).status()).isEqualTo(WorkStatus.COMPLETED);
        assertThat(done.next().all()).extracting(Assignment::workUid).containsExactly(second.uid(), third.uid());
        assertThat(works.get(alice, second.uid()).status()).isEqualTo(WorkStatus.RUNNING);
        assertThat(works.get(alice, third.uid()).status()).isEqualTo(WorkStatus.RUNNING);
        // The works claimed with the result are the host's tasks as any claim's: their results come in.
        for (Assignment next : done.next().all()) {
            outcomes.result(host, next.taskUid(), new ByteArrayInputStream(new byte[] {4}), null, 0);
        }
        assertThat(works.get(alice, third.uid()).status()).isEqualTo(WorkStatus.COMPLETED);
    }

    @ParameterizedTest(name = "{0}, hinted {1}")
    @MethodSource("cases")
    void aHostAtItsCapGetsItsNextWorkWithEachResultAtNoExtraTransaction(String kind, boolean hinted) throws Exception {
        maxTasks = 2;
        setUp(kind, hinted);
        Caller host = host(); // 4 CPUs declared: a cap of 8
        for (int i = 0; i < 12; i++) {
            works.submit(alice, new WorkSubmit("echo", List.of(String.valueOf(i)), null, null, null));
        }
        List<Assignment> running = scheduler.request(host, new WorkRequest(0, 64)).all();
        assertThat(running).as("64 asked, the cap given").hasSize(8);
        assertThat(scheduler.request(host, new WorkRequest(0, 64)).all()).as("at its cap: no work, no error").isEmpty();
        int[] transactions = new int[1];
        TaskOutcomes.WithNext done = uploadAndNext(host, running.get(0), 64, transactions);
        // The returned task's slot is free in the same exchange, counted in memory: no read of the host's tasks.
        assertThat(done.next().all()).hasSize(1);
        assertThat(transactions[0]).isEqualTo(hinted ? 1 : 2);
        // A result without next ends a task here too: its slot is free for the next work request.
        assertThat(upload(host, done.next().all().get(0), 0)).isEqualTo(hinted ? 1 : 2);
        int before = connections.get();
        assertThat(scheduler.request(host, new WorkRequest(0, 64)).all()).hasSize(1);
        assertThat(connections.get() - before).as("one claim, no count of the host's tasks").isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}, hinted {1}")
    @MethodSource("cases")
    void aResultOfAHostSwitchedOffMeanwhileIsKeptAndItsNextWorksStayQueued(String kind, boolean hinted) throws Exception {
        setUp(kind, hinted);
        Caller host = host();
        WorkRow first = works.submit(alice, new WorkSubmit("echo", List.of(), null, null, null));
        Assignment a = claim(host);
        WorkRow queued = works.submit(alice, new WorkSubmit("echo", List.of(), null, null, null));
        // xwactivate off as the database sees it (as another server would have written it): the
        // directory's copy still says the host may take work, the claim's locked read says no.
        jdbc.tx("off", c -> new HostRepository().setEnabled(c, host.host().orElseThrow(), false));
        TaskOutcomes.WithNext done = uploadAndNext(host, a, 1, new int[1]);
        assertThat(works.get(alice, first.uid()).status()).isEqualTo(WorkStatus.COMPLETED);
        assertThat(done.result().uid()).isEqualTo(works.get(alice, first.uid()).resultDataUid());
        assertThat(done.next().all()).isEmpty();
        assertThat(done.next().retryAfterSeconds()).isPositive();
        assertThat(works.get(alice, queued.uid()).status()).isEqualTo(WorkStatus.PENDING);
        // Still first in line: the next host takes it at once.
        Caller other = host();
        assertThat(claim(other).workUid()).isEqualTo(queued.uid());
    }

    @ParameterizedTest(name = "{0}, hinted {1}")
    @MethodSource("cases")
    void aResultRefusedInsideItsTransactionClaimsNothingAndLeavesTheNextWorkQueued(String kind, boolean hinted) throws Exception {
        setUp(kind, hinted);
        Caller host = host();
        WorkRow work = works.submit(alice, new WorkSubmit("echo", List.of(), null, null, null));
        Assignment a = claim(host);
        // Another server gave the task back meanwhile (this one's hint does not know): the work is
        // PENDING again, one version further.
        jdbc.tx("given back elsewhere", c -> {
            new TaskRepository().finish(c, a.taskUid(), xtremweb.common.model.TaskStatus.LOST, clock.instant());
            return new WorkRepository().transition(c, work.uid(), WorkStatus.RUNNING, WorkStatus.PENDING,
                    works.get(alice, work.uid()).version(), xtremweb.server.work.WorkChange.givenBack());
        });
        WorkRow queued = works.submit(alice, new WorkSubmit("echo", List.of(), null, null, null));
        assertThatThrownBy(() -> uploadAndNext(host, a, 1, new int[1])).isInstanceOf(Conflict.class);
        // Nothing claimed with the refused result: the queued work is PENDING and still first in
        // line for this server's next host (the given-back one follows, read again by the refill).
        assertThat(works.get(alice, queued.uid()).status()).isEqualTo(WorkStatus.PENDING);
        assertThat(works.get(alice, work.uid()).status()).isEqualTo(WorkStatus.PENDING);
        assertThat(claim(host()).workUid()).isEqualTo(queued.uid());
    }

    @ParameterizedTest(name = "{0}, hinted {1}")
    @MethodSource("cases")
    void aResultOverTheDataLimitsIsRefusedKeepsNoByteAndEndsItsWorkInError(String kind, boolean hinted) throws Exception {
        limits = new DataLimits(10, 0);
        setUp(kind, hinted);
        Caller host = host();
        WorkRow announced = works.submit(alice, new WorkSubmit("echo", List.of("1"), null, null, null));
        WorkRow chunked = works.submit(alice, new WorkSubmit("echo", List.of("2"), null, null, null));
        Assignment first = claim(host);
        Assignment second = claim(host);

        // A Content-Length over data.maxSize is refused before any byte is read.
        ByteArrayInputStream unread = new ByteArrayInputStream(new byte[11]);
        assertThatThrownBy(() -> outcomes.result(host, first.taskUid(), unread, 11, null, 0))
                .isInstanceOf(TooLarge.class).hasMessageContaining("data.maxSize");
        assertThat(unread.available()).isEqualTo(11);
        // A body without a length is cut once it grows past it.
        assertThatThrownBy(() -> outcomes.result(host, second.taskUid(), new ByteArrayInputStream(new byte[1 << 20]), null, 0))
                .isInstanceOf(TooLarge.class).hasMessageContaining("data.maxSize");

        for (WorkRow work : List.of(announced, chunked)) {
            WorkRow ended = works.get(alice, work.uid());
            assertThat(ended.status()).isEqualTo(WorkStatus.ERROR);
            assertThat(ended.errorMessage()).contains("result was refused").contains("data.maxSize");
            assertThat(ended.resultDataUid()).isNull();
        }
        // The worker's next attempt learns the task is over; nothing of either upload is left on disk.
        assertThatThrownBy(() -> upload(host, first, 0)).isInstanceOf(Conflict.class);
        try (var files = java.nio.file.Files.walk(temp.resolve("data"))) {
            assertThat(files.filter(java.nio.file.Files::isRegularFile)).isEmpty();
        }
        // A result within the limits still lands.
        WorkRow small = works.submit(alice, new WorkSubmit("echo", List.of("3"), null, null, null));
        upload(host, claim(host), 0);
        assertThat(works.get(alice, small.uid()).status()).isEqualTo(WorkStatus.COMPLETED);
    }

    @ParameterizedTest(name = "{0}, hinted {1}")
    @MethodSource("cases")
    void aResultOverItsOwnersQuotaIsRefusedAndDoesNotBenchTheHost(String kind, boolean hinted) throws Exception {
        limits = new DataLimits(0, 8);
        setUp(kind, hinted);
        Caller host = host();
        // alice's binary (3 bytes) counts: 5 bytes are left of her quota.
        for (int i = 0; i < 4; i++) {
            WorkRow work = works.submit(alice, new WorkSubmit("echo", List.of(String.valueOf(i)), null, null, null));
            Assignment a = claim(host);
            assertThat(a).as("host still given work after %d refused results", i).isNotNull();
            assertThatThrownBy(() -> outcomes.result(host, a.taskUid(), new ByteArrayInputStream(new byte[6]), null, 0))
                    .isInstanceOf(TooLarge.class).hasMessageContaining("data.quota");
            assertThat(works.get(alice, work.uid()).status()).isEqualTo(WorkStatus.ERROR);
        }
    }
}
