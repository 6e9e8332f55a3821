package xtremweb.server.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.model.DataStatus;
import xtremweb.common.model.UserRights;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.rights.AccessRights;
import xtremweb.common.wire.AppBinary;
import xtremweb.common.wire.Assignment;
import xtremweb.common.wire.Goodbye;
import xtremweb.common.wire.Heartbeat;
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
import xtremweb.server.db.DeadlockVictims;
import xtremweb.server.db.Jdbc;
import xtremweb.server.db.TestDatabase;
import xtremweb.server.grouping.Groupings;
import xtremweb.server.host.HostRepository;
import xtremweb.server.host.HostService;
import xtremweb.server.metrics.GridMetrics;
import xtremweb.server.policy.AccessPolicy;
import xtremweb.server.policy.Caller;
import xtremweb.server.task.Departures;
import xtremweb.server.task.Leases;
import xtremweb.server.task.Reaper;
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
 * What the product does when the database picks one of its transactions as a deadlock's victim
 * (the commit of the transaction that ran a given statement answers 1213 here): a transaction run
 * again counts, answers and logs its effects once; the claim, whose callers answer a lost lock
 * themselves, is not run again.
 */
class RunAgainAfterDeadlockTest {
    private static final String CLAIM = "INSERT INTO tasks";
    private static final String TASK_ENDS = "UPDATE tasks SET status";
    @TempDir
    Path temp;
    private TestDatabase db;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final GridMetrics metrics = GridMetrics.inMemory();
    private final DeadlockVictims victims = new DeadlockVictims();
    private Scheduler scheduler;
    private Leases leases;
    private Reaper reaper;
    private Departures departures;
    private WorkService works;
    private HostService hosts;
    private WorkRepository workRows;
    private Jdbc jdbc;
    private Caller scientist;
    private Caller publicWorker;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.open("h2", temp.resolve("db"));
        jdbc = new Jdbc(victims.around(db.dataSource()));
        UserRepository users = new UserRepository();
        scientist = user(users, "alice", UserRights.STANDARD_USER);
        publicWorker = user(users, "worker", UserRights.WORKER_USER);
        AccessPolicy policy = new AccessPolicy();
        DataRepository dataRows = new DataRepository();
        DataService datas = new DataService(jdbc, dataRows, new LocalDataStore(temp.resolve("data")), policy, clock, "xw://test:1/");
        AppBinaryRepository binaries = new AppBinaryRepository();
        AppService apps = new AppService(jdbc, new AppRepository(binaries), binaries, datas, policy, clock);
        WorkSignal signal = new WorkSignal();
        workRows = new WorkRepository();
        Sessions sessions = new Sessions(jdbc, users, new TokenRepository(), new PasswordHasher(), clock, Duration.ofHours(1), metrics);
        hosts = new HostService(jdbc, new HostRepository(), sessions, policy, clock, 10);
        works = new WorkService(jdbc, workRows, apps, datas, policy, signal, clock, hosts.directory(),
                new Groupings(jdbc, workRows, datas, policy, clock), metrics);
        scheduler = new Scheduler(jdbc, workRows, hosts.directory(), apps, datas, policy, signal, clock, 10, metrics);
        reaper = new Reaper(jdbc, workRows, hosts.directory(), signal, metrics, clock, 3);
        leases = new Leases(jdbc, workRows, hosts.directory(), metrics, clock, 10);
        departures = new Departures(jdbc, workRows, hosts.directory(), signal, metrics, clock);
        String binaryUid = UUID.randomUUID().toString();
        jdbc.tx("seed", c -> {
            dataRows.insert(c, new DataRow(binaryUid, "app", null, "linux", "amd64", 3L, "00", 3L, "00",
                    DataStatus.AVAILABLE, AccessRights.PUBLIC, scientist.userUid(), null, clock.instant()));
            new AppRepository(binaries).insert(c, new AppRow(UUID.randomUUID().toString(), "echo", scientist.userUid(), null,
                    AccessRights.PUBLIC, clock.instant(), List.of(new AppBinary("linux", "amd64", binaryUid))));
            return null;
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        db.close();
    }

    @Test
    void aHeartbeatRunAgainAsksToCancelTheDeletedWorksTaskOnceAndCountsItOnce() throws Exception {
        works.submit(scientist, new WorkSubmit("echo", List.of(), null, null, null));
        Caller host = host();
        Assignment task = scheduler.request(host, new WorkRequest(0)).assignment();
        works.delete(scientist, task.workUid());
        long failedBefore = metrics.totals().failed();
        victims.next(TASK_ENDS);

        List<String> cancel = leases.heartbeat(host, new Heartbeat(List.of(task.taskUid()))).cancelTaskUids();

        assertThat(victims.ran(TASK_ENDS)).as("the heartbeat's transaction ran twice").isEqualTo(2);
        assertThat(cancel).containsExactly(task.taskUid());
        assertThat(metrics.totals().failed() - failedBefore).as("the cancelled work counted once").isEqualTo(1);
        assertThat(status(task.workUid())).isEqualTo(WorkStatus.ERROR);
    }

    @Test
    void aReapRunAgainCountsTheLostLeaseOnce() throws Exception {
        WorkRow work = works.submit(scientist, new WorkSubmit("echo", List.of(), null, null, null));
        assertThat(scheduler.request(host(), new WorkRequest(0)).assignment()).isNotNull();
        clock.advance(Duration.ofSeconds(31));
        long lostBefore = metrics.totals().lost();
        victims.next(TASK_ENDS);

        assertThat(reaper.reapOnce()).isEqualTo(1);

        assertThat(victims.ran(TASK_ENDS)).as("the reap's transaction ran twice").isEqualTo(2);
        assertThat(metrics.totals().lost() - lostBefore).as("the lost lease counted once").isEqualTo(1);
        assertThat(status(work.uid())).isEqualTo(WorkStatus.PENDING);
    }

    @Test
    void aGoodbyeRunAgainCountsTheCancelledWorkOnce() throws Exception {
        works.submit(scientist, new WorkSubmit("echo", List.of(), null, null, null));
        Caller host = host();
        Assignment task = scheduler.request(host, new WorkRequest(0)).assignment();
        works.delete(scientist, task.workUid());
        long failedBefore = metrics.totals().failed();
        victims.next(TASK_ENDS);

        assertThat(departures.leave(host, new Goodbye(List.of()))).as("a deleted work is not queued again").isZero();

        assertThat(victims.ran(TASK_ENDS)).as("the goodbye's transaction ran twice").isEqualTo(2);
        assertThat(metrics.totals().failed() - failedBefore).as("the cancelled work counted once").isEqualTo(1);
        assertThat(status(task.workUid())).isEqualTo(WorkStatus.ERROR);
    }

    @Test
    void aClaimLosingItsLockIsNotRunAgain() throws Exception {
        WorkRow work = works.submit(scientist, new WorkSubmit("echo", List.of(), null, null, null));
        Caller host = host();
        victims.next(CLAIM);

        Assignment assignment = scheduler.request(host, new WorkRequest(0)).assignment();

        assertThat(victims.ran(CLAIM)).as("the claim ran once").isEqualTo(1);
        assertThat(assignment).as("a lost claim gives nothing; the work waits for the next refill").isNull();
        assertThat(status(work.uid())).isEqualTo(WorkStatus.PENDING);
    }

    private WorkStatus status(String workUid) {
        return jdbc.tx("read work", c -> workRows.byUid(c, workUid)).orElseThrow().status();
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
        String uid = hosts.register(publicWorker, new HostRegistration(null, "h-" + UUID.randomUUID(), "linux", "x86_64", 4,
                1L << 30, "21")).hostUid();
        return new Caller(publicWorker.userUid(), publicWorker.login(), publicWorker.rights(), publicWorker.usergroupUid(), uid);
    }
}
