package xtremweb.server.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
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
import xtremweb.common.wire.HostRegistration;
import xtremweb.common.wire.TaskReport;
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
import xtremweb.server.metrics.GridMetrics;
import xtremweb.server.host.HostService;
import xtremweb.server.policy.AccessPolicy;
import xtremweb.server.policy.Caller;
import xtremweb.server.refusal.Conflict;
import xtremweb.server.refusal.Unprocessable;
import xtremweb.server.task.Bench;
import xtremweb.server.task.Leases;
import xtremweb.server.task.Reaper;
import xtremweb.server.task.TaskList;
import xtremweb.server.task.TaskOutcomes;
import xtremweb.server.user.PasswordHasher;
import xtremweb.server.user.Sessions;
import xtremweb.server.user.TokenRepository;
import xtremweb.server.user.UserRepository;
import xtremweb.server.user.UserRow;
import xtremweb.server.user.UsergroupRepository;
import xtremweb.server.user.UsergroupRow;
import xtremweb.server.work.WorkRepository;
import xtremweb.server.work.WorkRow;
import xtremweb.server.work.WorkService;
import xtremweb.server.work.WorkSignal;

/**
 * Who gets which work (the matching matrix, fairness between users), and what happens when hosts
 * fail: a lost lease re-queued and completed elsewhere, a late result refused, a failing host
 * benched. On the embedded database and on MariaDB.
 */
class DispatchTest {
    private static final long GB = 1L << 30;
    @TempDir
    Path temp;
    private TestDatabase db;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private Jdbc jdbc;
    private Scheduler scheduler;
    private final GridMetrics metrics = GridMetrics.inMemory();
    private TaskOutcomes outcomes;
    private Reaper reaper;
    private WorkSignal signal;
    private WorkRepository workRows;
    private TaskList taskList;
    private WorkService works;
    private AppService apps;
    private DataService datas;
    private HostService hosts;
    private UserRepository users;
    private Caller alice;
    private Caller bob;
    private Caller publicWorker;
    private Caller labWorker;
    private Caller otherLabWorker;

    static List<String> kinds() {
        return TestDatabase.kinds().toList();
    }

    private void setUp(String kind) throws Exception {
        db = TestDatabase.open(kind, temp.resolve("db"));
        jdbc = db.jdbc();
        users = new UserRepository();
        String lab = group("lab");
        String otherLab = group("other-lab");
        alice = user("alice", UserRights.STANDARD_USER, lab);
        bob = user("bob", UserRights.STANDARD_USER, null);
        publicWorker = user("worker", UserRights.WORKER_USER, null);
        labWorker = user("lab-worker", UserRights.WORKER_USER, lab);
        otherLabWorker = user("other-lab-worker", UserRights.WORKER_USER, otherLab);
        AccessPolicy policy = new AccessPolicy();
        DataRepository dataRows = new DataRepository();
        DataService datas = new DataService(jdbc, dataRows, new LocalDataStore(temp.resolve("data")), policy, clock, "xw://test:1/");
        AppBinaryRepository binaries = new AppBinaryRepository();
        AppService apps = new AppService(jdbc, new AppRepository(binaries), binaries, datas, policy, clock);
        this.apps = apps;
        this.datas = datas;
        signal = new WorkSignal();
        workRows = new WorkRepository();
        HostRepository hostRows = new HostRepository();
        Sessions sessions = new Sessions(jdbc, users, new TokenRepository(), new PasswordHasher(), clock, Duration.ofHours(1), metrics);
        hosts = new HostService(jdbc, hostRows, sessions, policy, clock, 10);
        works = new WorkService(jdbc, workRows, apps, datas, policy, signal, clock, hosts.directory(),
                new Groupings(jdbc, workRows, datas, policy, clock), metrics);
        scheduler = new Scheduler(jdbc, workRows, hosts.directory(), apps, datas, policy, signal, clock, 10, metrics);
        outcomes = new TaskOutcomes(jdbc, workRows, hosts.directory(), apps, datas, dataRows, policy, signal, metrics, clock);
        reaper = new Reaper(jdbc, workRows, hosts.directory(), signal, metrics, clock, 3);
        taskList = new TaskList(jdbc);
        // A public app with a linux/amd64 binary only.
        String binaryUid = UUID.randomUUID().toString();
        jdbc.tx("seed", c -> {
            dataRows.insert(c, new DataRow(binaryUid, "app", null, "linux", "amd64", 3L, "00", 3L, "00",
                    DataStatus.AVAILABLE, AccessRights.PUBLIC, alice.userUid(), null, clock.instant()));
            new AppRepository(binaries).insert(c, new AppRow(UUID.randomUUID().toString(), "echo", alice.userUid(), null,
                    AccessRights.PUBLIC, clock.instant(), List.of(new AppBinary("linux", "amd64", binaryUid))));
            return null;
        });
    }

    private String group(String label) {
        String uid = UUID.randomUUID().toString();
        jdbc.tx("group", c -> {
            new UsergroupRepository().insert(c, new UsergroupRow(uid, label, null, clock.instant()));
            return null;
        });
        return uid;
    }

    private Caller user(String login, UserRights rights, String usergroupUid) {
        UserRow row = new UserRow(UUID.randomUUID().toString(), login, "x", null, rights, usergroupUid, clock.instant());
        jdbc.tx("user", c -> {
            users.insert(c, row);
            return null;
        });
        return row.caller();
    }

    /** A host of {@code owner} (a worker account, or a user for a private worker). */
    private Caller host(Caller owner, String os, long memory, Long disk, Integer cpuSpeed) {
        String uid = hosts.register(owner, new HostRegistration(null, "h-" + UUID.randomUUID(), os, "x86_64", 4, memory,
                "21", disk, cpuSpeed)).hostUid();
        return new Caller(owner.userUid(), owner.login(), owner.rights(), owner.usergroupUid(), uid);
    }

    private Caller linuxHost(Caller owner) {
        return host(owner, "linux", 8 * GB, 100 * GB, 3000);
    }

    private Assignment ask(Caller host) throws InterruptedException {
        return scheduler.request(host, new WorkRequest(0)).assignment();
    }

    private WorkRow submit(Caller owner, WorkSubmit submit) {
        // Distinct submission times: FIFO is by submission time.
        clock.advance(Duration.ofMillis(1));
        return works.submit(owner, submit);
    }

    private WorkRow submit(Caller owner) {
        return submit(owner, new WorkSubmit("echo", List.of(), null, null, null));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    /**
     * One row of the matching matrix: a work (its rights, requirements) and the host asking. When the
     * host must not get it, a host that fits then does, so the refusal is the rule's and not an empty queue.
     */
    private record Case(String name, String rights, WorkSubmit submit, Scenario host, boolean gets) {
    }

    @FunctionalInterface
    private interface Scenario {
        Caller host(DispatchTest t);
    }

    static Stream<Case> matrix() {
        WorkSubmit plain = new WorkSubmit("echo", List.of(), null, null, null);
        return Stream.of(
                new Case("public worker, public work", null, plain, t -> t.linuxHost(t.publicWorker), true),
                new Case("public worker, private work", "700", plain, t -> t.linuxHost(t.publicWorker), false),
                new Case("public worker, group work", "750", plain, t -> t.linuxHost(t.publicWorker), false),
                new Case("group worker, its group's work", "750", plain, t -> t.linuxHost(t.labWorker), true),
                new Case("group worker, another group's work", "750", plain, t -> t.linuxHost(t.otherLabWorker), false),
                new Case("group worker, public work", null, plain, t -> t.linuxHost(t.otherLabWorker), true),
                new Case("owner's private worker, private work", "700", plain, t -> t.linuxHost(t.alice), true),
                new Case("another user's private worker, public work", null, plain, t -> t.linuxHost(t.bob), false),
                new Case("no binary for the host's OS", null, plain, t -> t.host(t.publicWorker, "win32", 8 * GB, 100 * GB, 3000), false),
                new Case("enough memory", null, new WorkSubmit("echo", List.of(), null, null, null, 4 * GB, null, null, null),
                        t -> t.linuxHost(t.publicWorker), true),
                new Case("too little memory", null, new WorkSubmit("echo", List.of(), null, null, null, 16 * GB, null, null, null),
                        t -> t.linuxHost(t.publicWorker), false),
                new Case("too little disk", null, new WorkSubmit("echo", List.of(), null, null, null, null, 200 * GB, null, null),
                        t -> t.linuxHost(t.publicWorker), false),
                new Case("disk not declared", null, new WorkSubmit("echo", List.of(), null, null, null, null, GB, null, null),
                        t -> t.host(t.publicWorker, "linux", 8 * GB, null, 3000), false),
                new Case("fast enough CPU", null, new WorkSubmit("echo", List.of(), null, null, null, null, null, 2500, null),
                        t -> t.linuxHost(t.publicWorker), true),
                new Case("too slow CPU", null, new WorkSubmit("echo", List.of(), null, null, null, null, null, 4000, null),
                        t -> t.linuxHost(t.publicWorker), false));
    }

    static Stream<Object[]> kindsAndMatrix() {
        return kinds().stream().flatMap(k -> matrix().map(c -> new Object[] {k, c}));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("kindsAndMatrix")
    void aWorkGoesOnlyToAHostThatMayRunItHasItsBinaryAndMeetsItsMinimums(String kind, Case c) throws Exception {
        setUp(kind);
        WorkRow work = submit(alice, c.submit());
        if (c.rights() != null) {
            works.chmod(alice, work.uid(), c.rights());
        }
        Assignment got = ask(c.host().host(this));
        if (c.gets()) {
            assertThat(got).as(c.name()).isNotNull();
            assertThat(got.workUid()).isEqualTo(work.uid());
            return;
        }
        assertThat(got).as(c.name()).isNull();
        Caller fitting = host(alice, "linux", 64 * GB, 1000 * GB, 5000);
        assertThat(ask(fitting)).as("the owner's big private worker gets it").isNotNull();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aWorkWithAnExpectedHostWaitsForThatHost(String kind) throws Exception {
        setUp(kind);
        Caller other = linuxHost(publicWorker);
        Caller expected = linuxHost(publicWorker);
        WorkRow pinned = submit(alice, new WorkSubmit("echo", List.of(), null, null, null, null, null, null,
                expected.hostUid()));
        assertThat(ask(other)).isNull();
        assertThat(ask(expected).workUid()).isEqualTo(pinned.uid());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aSubmissionReachesTheOneWaitingHostThatMayRunItAtOnce(String kind) throws Exception {
        setUp(kind);
        // Twenty hosts long-poll; the work may only go to the last. A submission wakes one waiter
        // and the wake is passed on until the right host has it: well before the 1 s re-poll.
        List<Caller> others = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            others.add(linuxHost(publicWorker));
        }
        Caller expected = linuxHost(publicWorker);
        var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        List<java.util.concurrent.Future<Assignment>> waiting = new java.util.ArrayList<>();
        for (Caller h : others) {
            waiting.add(pool.submit(() -> scheduler.request(h, new WorkRequest(3)).assignment()));
        }
        var mine = pool.submit(() -> scheduler.request(expected, new WorkRequest(10)).assignment());
        Thread.sleep(300);
        long t0 = System.nanoTime();
        WorkRow pinned = submit(alice, new WorkSubmit("echo", List.of(), null, null, null, null, null, null, expected.hostUid()));
        Assignment got = mine.get(10, java.util.concurrent.TimeUnit.SECONDS);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(got.workUid()).isEqualTo(pinned.uid());
        assertThat(ms).as("ms from submission to the expected host holding it").isLessThan(800);
        for (var f : waiting) {
            assertThat(f.get(10, java.util.concurrent.TimeUnit.SECONDS)).isNull();
        }
        pool.shutdown();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void idleHostsAreToldToWaitLongerAsTheGridGrows(String kind) throws Exception {
        setUp(kind);
        Caller host = linuxHost(publicWorker);
        var row = hosts.directory().calling(host.hostUid()).orElseThrow();
        assertThat(scheduler.backOff(row)).isBetween(1, 5);
        for (int i = 0; i < 6 * Scheduler.IDLE_POLLS_PER_SECOND; i++) {
            hosts.directory().calling(UUID.randomUUID().toString());
        }
        // 3,001 hosts calling: about 500 idle polls a second means 6 to 12 s between two of one host.
        for (int i = 0; i < 20; i++) {
            assertThat(scheduler.backOff(row)).isBetween(6, 12);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void anExpectedHostThatIsNotRegisteredIsRefusedAtSubmission(String kind) throws Exception {
        setUp(kind);
        assertThatThrownBy(() -> submit(alice, new WorkSubmit("echo", List.of(), null, null, null, null, null, null, "no-such")))
                .isInstanceOf(Unprocessable.class)
                .hasMessageContaining("expected host no-such is not registered");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aQueueFilledFromTheDatabaseServesFortyOwnersInTurnsAndSeveralWorksPerClaim(String kind) throws Exception {
        setUp(kind);
        // More owners than one refill statement reads (32): the refill reads them in two.
        List<Caller> owners = new ArrayList<>();
        Map<String, List<String>> byOwner = new java.util.HashMap<>();
        for (int i = 0; i < 40; i++) {
            Caller owner = user("owner-" + i, UserRights.STANDARD_USER, null);
            owners.add(owner);
            for (int j = 0; j < 2; j++) {
                byOwner.computeIfAbsent(owner.userUid(), k -> new ArrayList<>()).add(submit(owner).uid());
            }
        }
        // Another server's view: nothing of these submissions in memory, all read from the database.
        Scheduler other = new Scheduler(jdbc, new WorkRepository(), hosts.directory(), apps, datas, new AccessPolicy(),
                new WorkSignal(), clock, 10, GridMetrics.inMemory());
        Caller host = linuxHost(publicWorker);
        List<Assignment> got = new ArrayList<>();
        while (got.size() < 80) {
            List<Assignment> claimed = other.request(host, new WorkRequest(0, 8)).all();
            assertThat(claimed).as("a claim of 8 slots").hasSizeBetween(1, 8);
            got.addAll(claimed);
        }
        assertThat(got.stream().map(Assignment::workUid).distinct()).hasSize(80);
        // Owners in turn: the first 40 works are one of each owner, each owner's oldest first.
        Map<String, String> ownerOf = new java.util.HashMap<>();
        byOwner.forEach((o, uids) -> uids.forEach(u -> ownerOf.put(u, o)));
        assertThat(got.subList(0, 40).stream().map(a -> ownerOf.get(a.workUid())).distinct()).hasSize(40);
        for (Assignment a : got.subList(0, 40)) {
            assertThat(byOwner.get(ownerOf.get(a.workUid())).get(0)).isEqualTo(a.workUid());
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void usersTakeTurnsAndEachUsersWorksRunInSubmissionOrder(String kind) throws Exception {
        setUp(kind);
        List<String> aliceWorks = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            aliceWorks.add(submit(alice).uid());
        }
        List<String> bobWorks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            bobWorks.add(submit(bob).uid());
        }
        Caller host = linuxHost(publicWorker);
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            order.add(ask(host).workUid());
        }
        // Bob's three works are among the first six although Alice queued 30 before them.
        assertThat(order.subList(0, 6)).containsAll(bobWorks);
        assertThat(order.stream().filter(aliceWorks::contains).toList()).isEqualTo(aliceWorks.subList(0, 5));
        assertThat(order.stream().filter(bobWorks::contains).toList()).isEqualTo(bobWorks);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aWorkWhoseLeaseExpiredIsCompletedByAnotherHostAndTheLateHostIsRefused(String kind) throws Exception {
        setUp(kind);
        WorkRow work = submit(alice);
        Caller vanished = linuxHost(publicWorker);
        Caller rescuer = linuxHost(publicWorker);
        Assignment lost = ask(vanished);
        clock.advance(Leases.length(10).plusSeconds(1));
        assertThat(reaper.reapOnce()).isEqualTo(1);
        assertThat(works.get(alice, work.uid()).status()).isEqualTo(WorkStatus.PENDING);
        assertThat(works.get(alice, work.uid()).retries()).isEqualTo(1);

        Assignment second = ask(rescuer);
        assertThat(second.workUid()).isEqualTo(work.uid());
        outcomes.result(rescuer, second.taskUid(), new ByteArrayInputStream(new byte[] {1, 2, 3}), null);
        outcomes.report(rescuer, second.taskUid(), new TaskReport(WorkStatus.COMPLETED, 0, null));
        assertThat(works.get(alice, work.uid()).status()).isEqualTo(WorkStatus.COMPLETED);

        assertThatThrownBy(() -> outcomes.result(vanished, lost.taskUid(), new ByteArrayInputStream(new byte[] {9}), null))
                .isInstanceOf(Conflict.class)
                .hasMessageContaining("is no longer this host's");
        assertThatThrownBy(() -> outcomes.report(vanished, lost.taskUid(), new TaskReport(WorkStatus.COMPLETED, 0, null)))
                .isInstanceOf(Conflict.class);
        WorkRow done = works.get(alice, work.uid());
        assertThat(done.status()).isEqualTo(WorkStatus.COMPLETED);
        assertThat(done.hostUid()).isEqualTo(rescuer.hostUid());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aWorkLostMoreThanMaxRetryTimesEndsInErrorWithTheReason(String kind) throws Exception {
        setUp(kind);
        WorkRow work = submit(alice);
        for (int attempt = 0; attempt < 4; attempt++) {
            // A new host each time: a host that keeps losing works is benched.
            assertThat(ask(linuxHost(publicWorker))).as("attempt " + attempt).isNotNull();
            clock.advance(Leases.length(10).plusSeconds(1));
            reaper.reapOnce();
        }
        WorkRow lost = works.get(alice, work.uid());
        assertThat(lost.status()).isEqualTo(WorkStatus.ERROR);
        assertThat(lost.retries()).isEqualTo(4);
        assertThat(lost.errorMessage()).isEqualTo("lost 4 times: host vanished");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aHostWhoseJobsKeepFailingIsBenchedForAWhile(String kind) throws Exception {
        setUp(kind);
        for (int i = 0; i < 5; i++) {
            submit(alice);
        }
        Caller broken = linuxHost(publicWorker);
        for (int i = 0; i < Bench.AFTER; i++) {
            Assignment a = ask(broken);
            outcomes.report(broken, a.taskUid(), new TaskReport(WorkStatus.ERROR, null, "libc not found"));
        }
        WorkResponse benched = scheduler.request(broken, new WorkRequest(0));
        assertThat(benched.assignment()).isNull();
        assertThat(benched.retryAfterSeconds()).isGreaterThan(5);
        assertThat(ask(linuxHost(publicWorker))).as("a healthy host still gets work").isNotNull();

        clock.advance(Bench.FOR.plusSeconds(1));
        assertThat(ask(broken)).as("back from the bench").isNotNull();
    }

    /**
     * A job ended well ends the host's run of failures, also when its result upload claims the
     * next work in the same transaction (the claim's lock of the host's row resets the count) and
     * when there is no next work to claim: failures either side of it never add up to a bench.
     */
    @ParameterizedTest
    @MethodSource("kinds")
    void aResultThatAlsoClaimsTheNextWorkEndsTheHostsRunOfFailures(String kind) throws Exception {
        setUp(kind);
        for (boolean moreQueued : new boolean[] {true, false}) {
            Caller host = linuxHost(publicWorker);
            for (int i = 0; i < 2 * Bench.AFTER; i++) {
                submit(alice);
            }
            for (int i = 0; i < Bench.AFTER - 1; i++) {
                Assignment a = ask(host);
                assertThat(a).as("work for a host with fewer than %d failures in a row", Bench.AFTER).isNotNull();
                outcomes.report(host, a.taskUid(), new TaskReport(WorkStatus.ERROR, null, "libc not found"));
            }
            Assignment good = ask(host);
            if (!moreQueued) {
                // Nothing left to claim: the result is recorded alone.
                Assignment other;
                while ((other = scheduler.request(linuxHost(publicWorker), new WorkRequest(0)).assignment()) != null) {
                    assertThat(other.workUid()).isNotEqualTo(good.workUid());
                }
            }
            TaskOutcomes.WithNext done = outcomes.resultAndNext(host, good.taskUid(), new ByteArrayInputStream(new byte[] {1, 2, 3}),
                    null, 0, scheduler, new WorkRequest(0, 1));
            assertThat(works.get(alice, good.workUid()).status()).isEqualTo(WorkStatus.COMPLETED);
            assertThat(done.next().assignment() != null).as("the next work claimed with the result").isEqualTo(moreQueued);
            if (moreQueued) {
                outcomes.report(host, done.next().assignment().taskUid(), new TaskReport(WorkStatus.ERROR, null, "libc not found"));
                for (int i = 0; i < Bench.AFTER - 2; i++) {
                    Assignment a = ask(host);
                    assertThat(a).as("work for a host with fewer than %d failures in a row", Bench.AFTER).isNotNull();
                    outcomes.report(host, a.taskUid(), new TaskReport(WorkStatus.ERROR, null, "libc not found"));
                }
            } else {
                for (int i = 0; i < Bench.AFTER - 1; i++) {
                    submit(alice);
                    Assignment a = ask(host);
                    assertThat(a).as("work for a host with fewer than %d failures in a row", Bench.AFTER).isNotNull();
                    outcomes.report(host, a.taskUid(), new TaskReport(WorkStatus.ERROR, null, "libc not found"));
                }
            }
            submit(alice);
            assertThat(scheduler.request(host, new WorkRequest(0)).assignment())
                    .as("%d failures, then one job ended well, then %d failures: not benched", Bench.AFTER - 1, Bench.AFTER - 1)
                    .isNotNull();
        }
    }

    /**
     * The server was down for several leases while its hosts computed: as it starts, every running
     * task gets a whole lease, so a host that kept its result delivers it (no work computed again),
     * and a host gone for good loses its task one lease after the start.
     */
    @ParameterizedTest
    @MethodSource("kinds")
    void aServerBackAfterItsLeasesRanOutGivesItsHostsAWholeLeaseToDeliver(String kind) throws Exception {
        setUp(kind);
        WorkRow kept = submit(alice);
        WorkRow orphan = submit(alice);
        Caller patient = linuxHost(publicWorker);
        Caller gone = linuxHost(publicWorker);
        Assignment keptTask = ask(patient);
        Assignment orphanTask = ask(gone);
        assertThat(List.of(keptTask.workUid(), orphanTask.workUid())).containsExactlyInAnyOrder(kept.uid(), orphan.uid());
        clock.advance(Leases.length(10).multipliedBy(5));

        Leases restarted = new Leases(jdbc, workRows, hosts.directory(), metrics, clock, 10);
        assertThat(restarted.renewAllAtStart()).isEqualTo(2);
        assertThat(reaper.reapOnce()).as("nothing lost at the restarted server's first pass").isZero();
        outcomes.result(patient, keptTask.taskUid(), new ByteArrayInputStream(new byte[] {1, 2, 3}), null);
        outcomes.report(patient, keptTask.taskUid(), new TaskReport(WorkStatus.COMPLETED, 0, null));

        assertThat(works.get(alice, keptTask.workUid()).status()).isEqualTo(WorkStatus.COMPLETED);
        assertThat(works.get(alice, keptTask.workUid()).retries()).isZero();
        clock.advance(Leases.length(10).plusSeconds(1));
        assertThat(reaper.reapOnce()).as("the host gone for good, one lease after the start").isEqualTo(1);
        assertThat(works.get(alice, orphanTask.workUid()).status()).isEqualTo(WorkStatus.PENDING);
    }

    /**
     * A host that does not call again after the restart (its claims' answers were lost with the
     * server, say) loses the tasks whose leases the starting server renewed, but is not benched
     * for them: it never had a lease of its own to keep while this server was up.
     */
    @ParameterizedTest
    @MethodSource("kinds")
    void leasesRenewedAtTheStartAreNotHeldAgainstTheirHost(String kind) throws Exception {
        setUp(kind);
        for (int i = 0; i < 2 * Bench.AFTER; i++) {
            submit(alice);
        }
        Caller host = linuxHost(publicWorker);
        for (int i = 0; i < Bench.AFTER; i++) {
            assertThat(ask(host)).isNotNull();
        }
        clock.advance(Leases.length(10).multipliedBy(5));
        assertThat(new Leases(jdbc, workRows, hosts.directory(), metrics, clock, 10).renewAllAtStart()).isEqualTo(Bench.AFTER);
        Reaper restarted = new Reaper(jdbc, workRows, hosts.directory(), signal, metrics, clock, 3, Leases.length(10));

        clock.advance(Leases.length(10).plusSeconds(1));

        assertThat(restarted.reapOnce()).isEqualTo(Bench.AFTER);
        assertThat(ask(host)).as("not benched for leases it never had").isNotNull();
    }

    /**
     * The server stopped (SIGKILL) with tasks in flight and came back after their leases ran out:
     * their hosts could not have kept them (a claim's answer lost with the server, a result refused
     * for a lease that ran out meanwhile), so the losses do not bench the hosts. A small grid whose
     * every host was benched at once left copies of replicated works waiting out the bench.
     */
    @ParameterizedTest
    @MethodSource("kinds")
    void tasksLostWhileTheServerWasDownDoNotBenchTheirHost(String kind) throws Exception {
        setUp(kind);
        for (int i = 0; i < 2 * Bench.AFTER; i++) {
            submit(alice);
        }
        Caller host = linuxHost(publicWorker);
        for (int i = 0; i < Bench.AFTER; i++) {
            assertThat(ask(host)).as("claimed before the server stopped").isNotNull();
        }
        clock.advance(Leases.length(10).plusSeconds(1));
        Reaper restarted = new Reaper(jdbc, workRows, hosts.directory(), signal, metrics, clock, 3, Leases.length(10));

        clock.advance(Duration.ofSeconds(1));
        assertThat(restarted.reapOnce()).isEqualTo(Bench.AFTER);
        assertThat(ask(host)).as("not benched for the server's downtime").isNotNull();

        // Leases granted since the restart are the host's to keep: losing them still benches it
        // (once per vanishing: the host vanishes again with each task).
        clock.advance(Leases.length(10).plusSeconds(1));
        assertThat(restarted.reapOnce()).isEqualTo(1);
        for (int i = 1; i < Bench.AFTER; i++) {
            assertThat(ask(host)).as("vanishing " + i + " of " + Bench.AFTER).isNotNull();
            clock.advance(Leases.length(10).plusSeconds(1));
            assertThat(restarted.reapOnce()).isEqualTo(1);
        }
        assertThat(scheduler.request(host, new WorkRequest(0)).assignment()).as("benched").isNull();
    }

    /**
     * A worker with several slots killed once (SIGKILL, a reboot) loses all its tasks together:
     * one vanishing, one loss. Counted one by one, a worker of three slots was benched for ten
     * minutes after one kill, though restarted at once.
     */
    @ParameterizedTest
    @MethodSource("kinds")
    void tasksLostInOneVanishingCountOnceTowardsTheBench(String kind) throws Exception {
        setUp(kind);
        for (int i = 0; i < 2 * Bench.AFTER; i++) {
            submit(alice);
        }
        Caller host = linuxHost(publicWorker);
        Reaper reaper = new Reaper(jdbc, workRows, hosts.directory(), signal, metrics, clock, 3, Leases.length(10));
        clock.advance(Leases.length(10).plusSeconds(1));
        List<String> running = new ArrayList<>();
        for (int i = 0; i < Bench.AFTER; i++) {
            running.add(ask(host).taskUid());
            clock.advance(Duration.ofSeconds(2));
        }
        // A heartbeat renews the first ones; the last, claimed after it, keeps its claim's lease.
        new Leases(jdbc, workRows, hosts.directory(), metrics, clock, 10)
                .heartbeat(host, new xtremweb.common.wire.Heartbeat(running.subList(0, Bench.AFTER - 1)));
        clock.advance(Duration.ofSeconds(3));

        clock.advance(Leases.length(10).plusSeconds(1));
        assertThat(reaper.reapOnce()).isEqualTo(Bench.AFTER);

        assertThat(ask(host)).as("one kill of a worker with %d slots does not bench it", Bench.AFTER).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void tasksAreListedToTheWorksOwnerAndNotToOthers(String kind) throws Exception {
        setUp(kind);
        WorkRow work = submit(alice);
        Caller host = linuxHost(publicWorker);
        Assignment a = ask(host);
        List<TaskView> seen = taskList.tasks(alice);
        assertThat(seen).extracting(TaskView::uid).containsExactly(a.taskUid());
        assertThat(seen.get(0).workUid()).isEqualTo(work.uid());
        assertThat(seen.get(0).status()).isEqualTo(TaskStatus.RUNNING);
        // The shared WORKER_USER account every volunteer holds sees no one else's tasks (their works'
        // UIDs, owners' logins and other volunteers' machines), as xwworkers hides those hosts from it.
        assertThat(taskList.tasks(publicWorker)).isEmpty();
        assertThat(taskList.tasks(bob)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theTasksOfADeletedWorkAreListedToNobodyNotEvenASuperUser(String kind) throws Exception {
        setUp(kind);
        Caller admin = user("root", UserRights.SUPER_USER, null);
        WorkRow deleted = submit(alice);
        WorkRow kept = submit(alice);
        Caller host = linuxHost(publicWorker);
        Assignment first = ask(host);
        Assignment second = ask(host);
        assertThat(List.of(first.workUid(), second.workUid())).containsExactlyInAnyOrder(deleted.uid(), kept.uid());
        String deletedTask = first.workUid().equals(deleted.uid()) ? first.taskUid() : second.taskUid();

        works.delete(alice, deleted.uid());

        // As the work itself (404 to everybody once deleted), its tasks are gone from every listing.
        for (Caller who : List.of(alice, admin)) {
            List<TaskView> seen = taskList.tasks(who);
            assertThat(seen).extracting(TaskView::workUid).as(who.login()).containsExactly(kept.uid());
            assertThat(seen).extracting(TaskView::uid).as(who.login()).doesNotContain(deletedTask);
        }
    }
}
