package xtremweb.server.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import xtremweb.common.model.DataStatus;
import xtremweb.common.model.TaskStatus;
import xtremweb.common.model.UserRights;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.rights.AccessRights;
import xtremweb.common.wire.AppBinary;
import xtremweb.common.wire.Assignment;
import xtremweb.common.wire.Goodbye;
import xtremweb.common.wire.HostRegistration;
import xtremweb.common.wire.TaskView;
import xtremweb.common.wire.WorkRequest;
import xtremweb.common.wire.WorkResponse;
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
import xtremweb.server.host.HostRow;
import xtremweb.server.host.HostService;
import xtremweb.server.metrics.GridMetrics;
import xtremweb.server.policy.AccessPolicy;
import xtremweb.server.policy.Caller;
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
 * Workers that go away: switched off (xwactivate off), stopped (goodbye), hung up while their work
 * request waited, or given a work whose answer never reached them. None of them swallows a work,
 * none of those departures uses up a retry, and a second server sharing the database, whose memory
 * still holds the host as it was, refuses it too. On the embedded database and on MariaDB.
 */
class DepartureTest {
    private static final long GB = 1L << 30;
    @TempDir
    Path temp;
    private TestDatabase db;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private Jdbc jdbc;
    private Server here;
    private Server there;
    private Caller admin;
    private Caller alice;
    private Caller worker;

    static List<String> kinds() {
        return TestDatabase.kinds().toList();
    }

    /** What one server process holds in memory (host directory, ready queue, signal) over the shared database. */
    private record Server(HostService hosts, Scheduler scheduler, Departures departures, WorkService works, Reaper reaper) {
    }

    private Server server(DataService datas, AppService apps, UserRepository users) {
        AccessPolicy policy = new AccessPolicy();
        WorkSignal signal = new WorkSignal();
        WorkRepository workRows = new WorkRepository();
        GridMetrics metrics = GridMetrics.inMemory();
        Sessions sessions = new Sessions(jdbc, users, new TokenRepository(), new PasswordHasher(), clock, Duration.ofHours(1), metrics);
        HostService hosts = new HostService(jdbc, new HostRepository(), sessions, policy, clock, 10);
        WorkService works = new WorkService(jdbc, workRows, apps, datas, policy, signal, clock, hosts.directory(),
                new Groupings(jdbc, workRows, datas, policy, clock), metrics);
        Scheduler scheduler = new Scheduler(jdbc, workRows, hosts.directory(), apps, datas, policy, signal, clock, 10, metrics);
        return new Server(hosts, scheduler, new Departures(jdbc, workRows, hosts.directory(), signal, metrics, clock), works,
                new Reaper(jdbc, workRows, hosts.directory(), signal, metrics, clock, 1));
    }

    private void setUp(String kind) throws Exception {
        db = TestDatabase.open(kind, temp.resolve("db"));
        jdbc = db.jdbc();
        UserRepository users = new UserRepository();
        admin = user(users, "admin", UserRights.SUPER_USER);
        alice = user(users, "alice", UserRights.STANDARD_USER);
        worker = user(users, "worker", UserRights.WORKER_USER);
        AccessPolicy policy = new AccessPolicy();
        DataRepository dataRows = new DataRepository();
        DataService datas = new DataService(jdbc, dataRows, new LocalDataStore(temp.resolve("data")), policy, clock, "xw://test:1/");
        AppBinaryRepository binaries = new AppBinaryRepository();
        AppService apps = new AppService(jdbc, new AppRepository(binaries), binaries, datas, policy, clock);
        String binaryUid = UUID.randomUUID().toString();
        jdbc.tx("seed", c -> {
            dataRows.insert(c, new DataRow(binaryUid, "app", null, "linux", "amd64", 3L, "00", 3L, "00",
                    DataStatus.AVAILABLE, AccessRights.PUBLIC, alice.userUid(), null, clock.instant()));
            new AppRepository(binaries).insert(c, new AppRow(UUID.randomUUID().toString(), "echo", alice.userUid(), null,
                    AccessRights.PUBLIC, clock.instant(), List.of(new AppBinary("linux", "amd64", binaryUid))));
            return null;
        });
        here = server(datas, apps, users);
        there = server(datas, apps, users);
    }

    private Caller user(UserRepository users, String login, UserRights rights) {
        UserRow row = new UserRow(UUID.randomUUID().toString(), login, "x", null, rights, null, clock.instant());
        jdbc.tx("user", c -> {
            users.insert(c, row);
            return null;
        });
        return row.caller();
    }

    private Caller host() {
        String uid = here.hosts().register(worker, new HostRegistration(null, "h-" + UUID.randomUUID(), "linux", "x86_64", 4,
                8 * GB, "21", 100 * GB, 3000)).hostUid();
        return new Caller(worker.userUid(), worker.login(), worker.rights(), worker.usergroupUid(), uid);
    }

    private WorkRow submit(Server server) {
        clock.advance(Duration.ofMillis(1));
        return server.works().submit(alice, new WorkSubmit("echo", List.of(), null, null, null));
    }

    private static Assignment ask(Server server, Caller host) throws InterruptedException {
        return server.scheduler().request(host, new WorkRequest(0)).assignment();
    }

    /** A long poll of {@code host} on {@code server}, started on its own thread, once it waits. */
    private static CompletableFuture<WorkResponse> waiting(Server server, Caller host) {
        CompletableFuture<WorkResponse> answer = new CompletableFuture<>();
        Thread poll = new Thread(() -> {
            try {
                answer.complete(server.scheduler().request(host, new WorkRequest(20)));
            } catch (Throwable e) {
                answer.completeExceptionally(e);
            }
        });
        poll.start();
        Awaitility.await("the work request waits").atMost(Duration.ofSeconds(10))
                .until(() -> poll.getState() == Thread.State.TIMED_WAITING);
        return answer;
    }

    private WorkRow work(String uid) {
        return here.works().get(alice, uid);
    }

    private HostRow row(Caller host) {
        return here.hosts().find(host.hostUid()).orElseThrow();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aHostSwitchedOffWhileItWaitsGetsNothingFromThenOnAndAnotherHostRunsTheWork(String kind) throws Exception {
        setUp(kind);
        Caller off = host();
        Caller live = host();
        CompletableFuture<WorkResponse> pending = waiting(here, off);

        here.hosts().activate(admin, off.hostUid(), false);

        // Ended at once, not after its 20 s: a wait that went on could only end in a work it may not have.
        assertThat(pending.get(5, TimeUnit.SECONDS).assignment()).isNull();
        WorkRow work = submit(here);
        assertThat(ask(here, off)).isNull();
        assertThat(ask(here, live).workUid()).isEqualTo(work.uid());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aHostAlreadySwitchedOffWaitsQuietlyAndGetsWorkOnceSwitchedOnAgain(String kind) throws Exception {
        setUp(kind);
        Caller off = host();
        here.hosts().activate(admin, off.hostUid(), false);
        // Held as long as any idle host's request, not answered at once (which would make it poll fast).
        CompletableFuture<WorkResponse> pending = waiting(here, off);
        WorkRow work = submit(here);
        assertThat(pending).as("not given the work").isNotDone();

        here.hosts().activate(admin, off.hostUid(), true);

        assertThat(pending.get(10, TimeUnit.SECONDS).assignment().workUid()).isEqualTo(work.uid());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aClaimReadsTheHostsRowSoAHostSwitchedOffByAnotherServerGetsNothing(String kind) throws Exception {
        setUp(kind);
        Caller off = host();
        Caller live = host();
        // This server's directory now holds the host as enabled, for up to 10 s.
        assertThat(ask(here, off)).isNull();

        there.hosts().activate(admin, off.hostUid(), false);
        WorkRow work = submit(here);

        assertThat(ask(here, off)).as("refused by its row, though remembered as enabled").isNull();
        assertThat(work(work.uid()).status()).isEqualTo(WorkStatus.PENDING);
        assertThat(ask(here, live).workUid()).as("the refused work is first in line").isEqualTo(work.uid());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aHostThatSaysGoodbyeEndsItsWaitAndItsWorksGoBackAtOnceWithoutARetry(String kind) throws Exception {
        setUp(kind);
        Caller leaving = host();
        Caller live = host();
        WorkRow running = submit(here);
        Assignment task = ask(here, leaving);
        CompletableFuture<WorkResponse> pending = waiting(here, leaving);

        assertThat(here.departures().leave(leaving, new Goodbye(List.of()))).isEqualTo(1);

        assertThat(pending.get(5, TimeUnit.SECONDS).assignment()).isNull();
        assertThat(work(running.uid()).status()).isEqualTo(WorkStatus.PENDING);
        assertThat(work(running.uid()).retries()).isZero();
        assertThat(new TaskList(jdbc).tasks(admin)).filteredOn(t -> t.uid().equals(task.taskUid()))
                .extracting(TaskView::status).containsExactly(TaskStatus.LOST);
        assertThat(row(leaving).active()).as("xwworkers shows it gone").isFalse();
        assertThat(ask(here, live).workUid()).isEqualTo(running.uid());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aTaskWhoseResultTheDepartingWorkerKeepsStaysItsOwn(String kind) throws Exception {
        setUp(kind);
        Caller leaving = host();
        WorkRow finished = submit(here);
        Assignment kept = ask(here, leaving);
        WorkRow killed = submit(here);
        ask(here, leaving);

        assertThat(here.departures().leave(leaving, new Goodbye(List.of(kept.taskUid())))).isEqualTo(1);

        assertThat(work(finished.uid()).status()).isEqualTo(WorkStatus.RUNNING);
        assertThat(work(killed.uid()).status()).isEqualTo(WorkStatus.PENDING);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aHostThatLeftIsRefusedByAServerThatStillRemembersItAlive(String kind) throws Exception {
        setUp(kind);
        Caller leaving = host();
        Caller live = host();
        // Its work request waits on the other server, which marked it alive when it came in (a
        // liveness due, half an alive period after the registration, and kept for its next batch).
        clock.advance(Duration.ofSeconds(6));
        CompletableFuture<WorkResponse> pending = waiting(there, leaving);
        clock.advance(Duration.ofSeconds(1));

        here.departures().leave(leaving, new Goodbye(List.of()));
        WorkRow work = submit(there);

        assertThat(pending.get(25, TimeUnit.SECONDS).assignment()).as("the other server's waiting request").isNull();
        there.hosts().directory().flushAlive();
        assertThat(row(leaving).active()).as("the liveness written late does not bring it back").isFalse();
        assertThat(ask(there, live).workUid()).isEqualTo(work.uid());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aHostCallingAgainAfterItsGoodbyeIsActiveAndGetsWork(String kind) throws Exception {
        setUp(kind);
        Caller restarted = host();
        here.departures().leave(restarted, new Goodbye(List.of()));
        WorkRow work = submit(here);
        clock.advance(Duration.ofSeconds(1));

        assertThat(ask(here, restarted).workUid()).isEqualTo(work.uid());
        assertThat(row(restarted).active()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aWorkerThatHungUpWhileItsRequestWaitedIsGivenNothing(String kind) throws Exception {
        setUp(kind);
        Caller gone = host();
        Caller live = host();
        // The request waits (nothing is queued), its watch armed; the worker hangs up; a work comes.
        java.util.concurrent.CountDownLatch watching = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CompletableFuture<WorkResponse> waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return here.scheduler().request(gone, new WorkRequest(20), () -> {
                    watching.countDown();
                    return () -> true;
                });
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(watching.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        WorkRow work = submit(here);

        WorkResponse answer = waiting.get(30, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(answer.assignment()).isNull();
        assertThat(work(work.uid()).status()).isEqualTo(WorkStatus.PENDING);
        assertThat(ask(here, live).workUid()).isEqualTo(work.uid());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void anAssignmentThatCouldNotBeDeliveredGoesBackAtOnceAndUsesNoRetry(String kind) throws Exception {
        setUp(kind);
        WorkRow work = submit(here);
        // More undelivered answers than the work's retries (1 here): none of them counts.
        for (int i = 0; i < 3; i++) {
            Caller gone = host();
            Assignment undelivered = ask(here, gone);
            assertThat(undelivered.workUid()).isEqualTo(work.uid());
            here.departures().undelivered(gone.hostUid(), undelivered.taskUid(), "the worker hung up");
            assertThat(work(work.uid()).status()).isEqualTo(WorkStatus.PENDING);
        }
        assertThat(work(work.uid()).retries()).isZero();
        assertThat(here.reaper().reapOnce()).as("nothing left for the lease to find").isZero();
        assertThat(ask(here, host()).workUid()).isEqualTo(work.uid());
    }
}
