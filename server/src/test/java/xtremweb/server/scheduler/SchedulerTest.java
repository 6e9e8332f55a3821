package xtremweb.server.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
import xtremweb.common.wire.Heartbeat;
import xtremweb.common.wire.HostInventory;
import xtremweb.common.wire.HostRegistration;
import xtremweb.common.wire.WorkRequest;
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
import xtremweb.server.db.Jdbc;
import xtremweb.server.db.TestDatabase;
import xtremweb.server.grouping.Groupings;
import xtremweb.server.host.HostRepository;
import xtremweb.server.metrics.GridMetrics;
import xtremweb.server.host.HostService;
import xtremweb.server.policy.AccessPolicy;
import xtremweb.server.policy.Caller;
import xtremweb.server.refusal.Conflict;
import xtremweb.server.refusal.Unprocessable;
import xtremweb.server.task.Leases;
import xtremweb.server.task.Reaper;
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

/** Scheduler behaviour on the embedded database and on MariaDB. */
class SchedulerTest {
    @TempDir
    Path temp;
    private TestDatabase db;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private Jdbc jdbc;
    private Scheduler scheduler;
    private final GridMetrics metrics = GridMetrics.inMemory();
    private Reaper reaper;
    private Leases leases;
    private TaskOutcomes outcomes;
    private WorkService works;
    private HostService hosts;
    private WorkRepository workRows;
    private Caller scientist;
    private Caller publicWorker;
    private Caller otherScientist;
    private WorkSignal signal;

    static List<String> kinds() {
        return TestDatabase.kinds().toList();
    }

    private void setUp(String kind) throws Exception {
        db = TestDatabase.open(kind, temp.resolve("db"));
        jdbc = db.jdbc();
        UserRepository users = new UserRepository();
        scientist = user(users, "alice", UserRights.STANDARD_USER);
        otherScientist = user(users, "bob", UserRights.STANDARD_USER);
        publicWorker = user(users, "worker", UserRights.WORKER_USER);
        AccessPolicy policy = new AccessPolicy();
        DataRepository dataRows = new DataRepository();
        DataService datas = new DataService(jdbc, dataRows, new LocalDataStore(temp.resolve("data")), policy, clock, "xw://test:1/");
        AppBinaryRepository binaries = new AppBinaryRepository();
        AppService apps = new AppService(jdbc, new AppRepository(binaries), binaries, datas, policy, clock);
        signal = new WorkSignal();
        workRows = new WorkRepository();
        HostRepository hostRows = new HostRepository();
        Sessions sessions = new Sessions(jdbc, users, new TokenRepository(), new PasswordHasher(), clock, Duration.ofHours(1), metrics);
        hosts = new HostService(jdbc, hostRows, sessions, policy, clock, 10);
        works = new WorkService(jdbc, workRows, apps, datas, policy, signal, clock, hosts.directory(),
                new Groupings(jdbc, workRows, datas, policy, clock), metrics);
        scheduler = new Scheduler(jdbc, workRows, hosts.directory(), apps, datas, policy, signal, clock, 10, metrics);
        reaper = new Reaper(jdbc, workRows, hosts.directory(), signal, metrics, clock, 1);
        leases = new Leases(jdbc, workRows, hosts.directory(), metrics, clock, 10);
        outcomes = new TaskOutcomes(jdbc, workRows, hosts.directory(), apps, datas, dataRows, policy, signal, metrics, clock);
        // A public app (inserted as if by an advanced user) with a linux/amd64 binary.
        String binaryUid = UUID.randomUUID().toString();
        jdbc.tx("seed", c -> {
            dataRows.insert(c, new DataRow(binaryUid, "app", null, "linux", "amd64", 3L, "00", 3L, "00",
                    DataStatus.AVAILABLE, AccessRights.PUBLIC, scientist.userUid(), null, clock.instant()));
            new AppRepository(binaries).insert(c, new AppRow(UUID.randomUUID().toString(), "echo", scientist.userUid(), null,
                    AccessRights.PUBLIC, clock.instant(), List.of(new AppBinary("linux", "amd64", binaryUid))));
            return null;
        });
    }

    private Caller user(UserRepository users, String login, UserRights rights) {
        return user(users, login, rights, null);
    }

    private Caller user(UserRepository users, String login, UserRights rights, String usergroupUid) {
        UserRow row = new UserRow(UUID.randomUUID().toString(), login, "x", null, rights, usergroupUid, clock.instant());
        jdbc.tx("user", c -> {
            users.insert(c, row);
            return null;
        });
        return row.caller();
    }

    private Caller host(Caller owner, String os) {
        String uid = hosts.register(owner, new HostRegistration(null, "h-" + UUID.randomUUID(), os, "x86_64", 4, 1L << 30, "21"))
                .hostUid();
        return new Caller(owner.userUid(), owner.login(), owner.rights(), owner.usergroupUid(), uid);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void claimedWorkIsNotGivenToASecondHost(String kind) throws Exception {
        setUp(kind);
        WorkRow work = works.submit(scientist, new WorkSubmit("echo", List.of("a b"), null, null, null));
        Assignment first = scheduler.request(host(publicWorker, "Linux"), new WorkRequest(0)).assignment();
        assertThat(first).isNotNull();
        assertThat(first.workUid()).isEqualTo(work.uid());
        assertThat(first.args()).containsExactly("a b");
        assertThat(scheduler.request(host(publicWorker, "Linux"), new WorkRequest(0)).assignment()).isNull();
        assertThat(works.get(scientist, work.uid()).status()).isEqualTo(WorkStatus.RUNNING);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void hostWithoutABinaryForItsPlatformGetsNothing(String kind) throws Exception {
        setUp(kind);
        works.submit(scientist, new WorkSubmit("echo", List.of(), null, null, null));
        assertThat(scheduler.request(host(publicWorker, "Windows 11"), new WorkRequest(0)).assignment()).isNull();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void submissionIsRefusedWhenNoRegisteredWorkerHasThePlatformOfAnyBinary(String kind) throws Exception {
        setUp(kind);
        host(publicWorker, "Windows 11");
        assertThatThrownBy(() -> works.submit(scientist, new WorkSubmit("echo", List.of(), null, null, null)))
                .isInstanceOf(Unprocessable.class)
                .hasMessageContaining("app 'echo' has no binary for the workers' platforms [win32/amd64]")
                .hasMessageContaining("linux/amd64");
        host(publicWorker, "linux");
        assertThat(works.submit(scientist, new WorkSubmit("echo", List.of(), null, null, null)).status())
                .isEqualTo(WorkStatus.PENDING);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void privateWorkerNeverRunsAnotherUsersJob(String kind) throws Exception {
        setUp(kind);
        works.submit(scientist, new WorkSubmit("echo", List.of(), null, null, null));
        assertThat(scheduler.request(host(otherScientist, "linux"), new WorkRequest(0)).assignment()).isNull();
        assertThat(scheduler.request(host(scientist, "linux"), new WorkRequest(0)).assignment()).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void groupWorkerRunsItsGroupsSharedWorksButNeverAMembersPrivateOnes(String kind) throws Exception {
        setUp(kind);
        UserRepository users = new UserRepository();
        Caller member = user(users, "carol", UserRights.STANDARD_USER, "g1");
        Caller groupWorker = user(users, "gworker", UserRights.WORKER_USER, "g1");
        Caller otherGroupWorker = user(users, "oworker", UserRights.WORKER_USER, "g2");
        WorkRow shared = works.submit(member, new WorkSubmit("echo", List.of(), null, null, null));
        works.chmod(member, shared.uid(), "o-rx");
        WorkRow secret = works.submit(member, new WorkSubmit("echo", List.of(), null, null, null));
        works.chmod(member, secret.uid(), "go-rx");

        assertThat(scheduler.request(host(publicWorker, "linux"), new WorkRequest(0)).assignment()).isNull();
        assertThat(scheduler.request(host(otherGroupWorker, "linux"), new WorkRequest(0)).assignment()).isNull();
        Caller groupHost = host(groupWorker, "linux");
        assertThat(scheduler.request(groupHost, new WorkRequest(0)).assignment().workUid()).isEqualTo(shared.uid());
        assertThat(scheduler.request(groupHost, new WorkRequest(0)).assignment()).isNull();
        assertThat(scheduler.request(host(member, "linux"), new WorkRequest(0)).assignment().workUid()).isEqualTo(secret.uid());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void hostSwitchedOffByAnAdministratorGetsNoWork(String kind) throws Exception {
        setUp(kind);
        works.submit(scientist, new WorkSubmit("echo", List.of(), null, null, null));
        Caller host = host(publicWorker, "linux");
        Caller admin = new Caller("admin", "admin", UserRights.SUPER_USER, null, null);
        hosts.activate(admin, host.hostUid(), false);
        assertThat(scheduler.request(host, new WorkRequest(0)).assignment()).isNull();
        hosts.activate(admin, host.hostUid(), true);
        assertThat(scheduler.request(host, new WorkRequest(0)).assignment()).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void expiredLeaseReturnsWorkToPendingThenErrorPastMaxRetry(String kind) throws Exception {
        setUp(kind);
        WorkRow work = works.submit(scientist, new WorkSubmit("echo", List.of(), null, null, null));
        Caller host = host(publicWorker, "linux");
        Assignment first = scheduler.request(host, new WorkRequest(0)).assignment();
        clock.advance(Duration.ofSeconds(20));
        assertThat(leases.heartbeat(host, new Heartbeat(List.of(first.taskUid()))).cancelTaskUids()).isEmpty();
        clock.advance(Duration.ofSeconds(25));
        assertThat(reaper.reapOnce()).isZero();
        clock.advance(Duration.ofSeconds(10));
        assertThat(reaper.reapOnce()).isEqualTo(1);
        WorkRow back = works.get(scientist, work.uid());
        assertThat(back.status()).isEqualTo(WorkStatus.PENDING);
        assertThat(back.retries()).isEqualTo(1);
        assertThat(leases.heartbeat(host, new Heartbeat(List.of(first.taskUid()))).cancelTaskUids()).containsExactly(first.taskUid());

        scheduler.request(host, new WorkRequest(0)).assignment();
        clock.advance(Duration.ofSeconds(31));
        reaper.reapOnce();
        WorkRow lost = works.get(scientist, work.uid());
        assertThat(lost.status()).isEqualTo(WorkStatus.ERROR);
        assertThat(lost.errorMessage()).isEqualTo("lost 2 times: host vanished");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aTaskPastTaskTimeoutIsTakenBackThoughItsHostKeepsRenewingItsLeaseThenErrorPastMaxRetry(String kind) throws Exception {
        setUp(kind);
        Reaper withTimeout = new Reaper(jdbc, workRows, hosts.directory(), signal, metrics, clock, 1,
                Leases.length(10), Duration.ofMinutes(1));
        WorkRow work = works.submit(scientist, new WorkSubmit("echo", List.of(), null, null, null));
        Caller keeper = host(publicWorker, "linux");
        Assignment first = scheduler.request(keeper, new WorkRequest(0)).assignment();
        // Heartbeats every 20 s keep its lease (30 s) alive: only the wall-clock limit can take it back.
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(20));
            assertThat(leases.heartbeat(keeper, new Heartbeat(List.of(first.taskUid()))).cancelTaskUids()).isEmpty();
            assertThat(withTimeout.reapOnce()).as("within a minute of its claim").isZero();
        }
        // Looked for at most a tenth of the limit late (6 s here).
        clock.advance(Duration.ofSeconds(6));
        assertThat(withTimeout.reapOnce()).isEqualTo(1);
        WorkRow back = works.get(scientist, work.uid());
        assertThat(back.status()).isEqualTo(WorkStatus.PENDING);
        assertThat(back.retries()).isEqualTo(1);
        assertThat(leases.heartbeat(keeper, new Heartbeat(List.of(first.taskUid()))).cancelTaskUids())
                .as("told at its next heartbeat that the task is no longer its").containsExactly(first.taskUid());

        Caller other = host(publicWorker, "linux");
        Assignment again = scheduler.request(other, new WorkRequest(0)).assignment();
        assertThat(again.workUid()).isEqualTo(work.uid());
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(20));
            leases.heartbeat(other, new Heartbeat(List.of(again.taskUid())));
        }
        clock.advance(Duration.ofSeconds(6));
        assertThat(withTimeout.reapOnce()).isEqualTo(1);
        WorkRow lost = works.get(scientist, work.uid());
        assertThat(lost.status()).isEqualTo(WorkStatus.ERROR);
        assertThat(lost.errorMessage()).isEqualTo("lost 2 times: ran longer than task.timeout (60 s)");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aWorkGivenBackIsPendingAtOnceWithoutCountingARetry(String kind) throws Exception {
        setUp(kind);
        WorkRow work = works.submit(scientist, new WorkSubmit("echo", List.of(), null, null, null));
        Caller busyHost = host(publicWorker, "linux");
        Assignment first = scheduler.request(busyHost, new WorkRequest(0)).assignment();

        outcomes.giveBack(busyHost, first.taskUid());

        WorkRow back = works.get(scientist, work.uid());
        assertThat(back.status()).isEqualTo(WorkStatus.PENDING);
        assertThat(back.retries()).isZero();
        assertThatThrownBy(() -> outcomes.giveBack(busyHost, first.taskUid())).isInstanceOf(Conflict.class)
                .hasMessageContaining("no longer this host's");
        Assignment again = scheduler.request(host(publicWorker, "linux"), new WorkRequest(0)).assignment();
        assertThat(again.workUid()).isEqualTo(work.uid());
        // with maxRetry 1, a single loss after the give-back is still retried: the give-back did not count
        clock.advance(Duration.ofSeconds(31));
        reaper.reapOnce();
        assertThat(works.get(scientist, work.uid()).status()).isEqualTo(WorkStatus.PENDING);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theHostInventoryIsStoredAtRegistrationAndRefreshedByHeartbeats(String kind) throws Exception {
        setUp(kind);
        HostInventory atStart = new HostInventory("Ubuntu", "24.04 LTS", "amd64", "AMD EPYC 7B13", 8, 2450, 16L << 30, 12L << 30,
                100L << 30, "21.0.5");
        String uid = hosts.register(publicWorker, new HostRegistration(null, "node", "linux", "amd64", 8, 16L << 30, "21.0.5",
                atStart)).hostUid();
        Caller host = new Caller(publicWorker.userUid(), publicWorker.login(), publicWorker.rights(), null, uid);

        assertThat(hosts.inventory(uid)).contains(new HostInventory("linux", "Ubuntu 24.04 LTS", "amd64", "AMD EPYC 7B13", 8,
                2450, 16L << 30, 12L << 30, 100L << 30, "21.0.5"));

        HostInventory later = new HostInventory("Ubuntu", "24.04 LTS", "amd64", "AMD EPYC 7B13", 8, 2450, 16L << 30, 3L << 30,
                40L << 30, "21.0.5");
        leases.heartbeat(host, new Heartbeat(List.of(), later));
        assertThat(hosts.inventory(uid)).hasValueSatisfying(i -> {
            assertThat(i.memoryAvailable()).isEqualTo(3L << 30);
            assertThat(i.diskFree()).isEqualTo(40L << 30);
        });
        // a host registered without an inventory (an older worker) has none
        String old = hosts.register(publicWorker, new HostRegistration(null, "old", "linux", "amd64", 2, 1L << 30, "21")).hostUid();
        assertThat(hosts.inventory(old)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void deletedWorkIsCancelledAtTheNextHeartbeat(String kind) throws Exception {
        setUp(kind);
        WorkRow work = works.submit(scientist, new WorkSubmit("echo", List.of(), null, null, null));
        Caller host = host(publicWorker, "linux");
        Assignment a = scheduler.request(host, new WorkRequest(0)).assignment();
        works.delete(scientist, work.uid());
        assertThat(leases.heartbeat(host, new Heartbeat(List.of(a.taskUid()))).cancelTaskUids()).containsExactly(a.taskUid());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void longPollWakesUpWhenAWorkIsSubmitted(String kind) throws Exception {
        setUp(kind);
        Caller host = host(publicWorker, "linux");
        Thread submitter = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            works.submit(scientist, new WorkSubmit("echo", List.of(), null, null, null));
        });
        long start = System.nanoTime();
        submitter.start();
        Assignment a = scheduler.request(host, new WorkRequest(20)).assignment();
        submitter.join();
        assertThat(a).isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }
}
