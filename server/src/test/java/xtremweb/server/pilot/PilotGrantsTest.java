package xtremweb.server.pilot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
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
import xtremweb.common.rights.AccessRights;
import xtremweb.common.wire.AppBinary;
import xtremweb.common.wire.HostCredential;
import xtremweb.common.wire.HostRegistration;
import xtremweb.common.wire.PilotDemand;
import xtremweb.common.wire.PilotGrant;
import xtremweb.common.wire.PilotGrantRequest;
import xtremweb.common.wire.PilotRegistration;
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
import xtremweb.server.refusal.Forbidden;
import xtremweb.server.refusal.InvalidInput;
import xtremweb.server.refusal.Unauthenticated;
import xtremweb.server.user.PasswordHasher;
import xtremweb.server.user.Sessions;
import xtremweb.server.user.TokenRepository;
import xtremweb.server.user.UserRepository;
import xtremweb.server.user.UserRow;
import xtremweb.server.work.WorkRepository;
import xtremweb.server.work.WorkService;
import xtremweb.server.work.WorkSignal;

/** Pilot grants, pilot registrations and the demand a bridge reads, on the embedded database and on MariaDB. */
class PilotGrantsTest {
    private static final HostRegistration NODE = new HostRegistration(null, "node-1", "linux", "amd64", 8, 1L << 34, "21");
    @TempDir
    Path temp;
    private TestDatabase db;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private Jdbc jdbc;
    private UserRepository users;
    private HostService hosts;
    private WorkService works;
    private PilotService pilots;
    private Caller alice;
    private Caller bob;
    private Caller carol;
    private Caller groupWorker;
    private Caller publicWorker;

    static List<String> kinds() {
        return TestDatabase.kinds().toList();
    }

    private void setUp(String kind) throws Exception {
        db = TestDatabase.open(kind, temp.resolve("db"));
        jdbc = db.jdbc();
        users = new UserRepository();
        alice = user("alice", UserRights.STANDARD_USER, "team");
        bob = user("bob", UserRights.STANDARD_USER, "team");
        carol = user("carol", UserRights.STANDARD_USER, "others");
        groupWorker = user("gworker", UserRights.WORKER_USER, "team");
        publicWorker = user("pworker", UserRights.WORKER_USER, null);
        AccessPolicy policy = new AccessPolicy();
        GridMetrics metrics = GridMetrics.inMemory();
        DataRepository dataRows = new DataRepository();
        DataService datas = new DataService(jdbc, dataRows, new LocalDataStore(temp.resolve("data")), policy, clock, "xw://test:1/");
        AppBinaryRepository binaries = new AppBinaryRepository();
        AppService apps = new AppService(jdbc, new AppRepository(binaries), binaries, datas, policy, clock);
        WorkRepository workRows = new WorkRepository();
        Sessions sessions = new Sessions(jdbc, users, new TokenRepository(), new PasswordHasher(), clock, Duration.ofHours(1), metrics);
        hosts = new HostService(jdbc, new HostRepository(), sessions, policy, clock, 10);
        works = new WorkService(jdbc, workRows, apps, datas, policy, new WorkSignal(), clock, hosts.directory(),
                new Groupings(jdbc, workRows, datas, policy, clock), metrics);
        pilots = new PilotService(jdbc, hosts, sessions, policy, clock);
        String binaryUid = UUID.randomUUID().toString();
        jdbc.tx("seed", c -> {
            dataRows.insert(c, new DataRow(binaryUid, "app", null, "linux", "amd64", 3L, "00", 3L, "00",
                    DataStatus.AVAILABLE, AccessRights.PUBLIC, alice.userUid(), null, clock.instant()));
            new AppRepository(binaries).insert(c, new AppRow(UUID.randomUUID().toString(), "echo", alice.userUid(), null,
                    AccessRights.PUBLIC, clock.instant(), List.of(new AppBinary("linux", "amd64", binaryUid))));
            return null;
        });
    }

    private Caller user(String login, UserRights rights, String usergroupUid) {
        UserRow row = new UserRow(UUID.randomUUID().toString(), login, "x", null, rights, usergroupUid, clock.instant());
        jdbc.tx("user", c -> {
            users.insert(c, row);
            return null;
        });
        return row.caller();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    private PilotGrant grant(Caller bridge, int count) {
        return pilots.grant(bridge, new PilotGrantRequest("c1", count, 600, 3600));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void eachPilotOfAGrantRegistersOnceAsTheBridgeIdentityWithItsClusterAndJob(String kind) throws Exception {
        setUp(kind);
        PilotGrant grant = grant(groupWorker, 2);
        assertThat(grant.token()).startsWith("xwp_");
        assertThat(grant.toString()).doesNotContain(grant.token());

        HostCredential first = pilots.register(grant.token(), new PilotRegistration(NODE, "41_1"));
        HostCredential second = pilots.register(grant.token(), new PilotRegistration(NODE, "41_2"));
        assertThatThrownBy(() -> pilots.register(grant.token(), new PilotRegistration(NODE, "41_3")))
                .isInstanceOf(Unauthenticated.class).hasMessageContaining("used up or expired");

        assertThat(first.hostUid()).isNotEqualTo(second.hostUid());
        Caller host = hosts.resolve(first.hostToken()).orElseThrow();
        assertThat(host.userUid()).isEqualTo(groupWorker.userUid());
        assertThat(host.usergroupUid()).isEqualTo("team");
        assertThat(host.hostUid()).isEqualTo(first.hostUid());
        HostRow row = hosts.find(first.hostUid()).orElseThrow();
        assertThat(row.view(null, clock.instant()).pilotCluster()).isEqualTo("c1");
        assertThat(row.view(null, clock.instant()).pilotJobId()).isEqualTo("41_1");
        assertThat(row.view(null, clock.instant()).pilotUntil()).isEqualTo(clock.instant().plusSeconds(600));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aPilotCredentialStopsWorkingWhenThePilotsLifetimeEnds(String kind) throws Exception {
        setUp(kind);
        HostCredential credential = pilots.register(grant(publicWorker, 1).token(), new PilotRegistration(NODE, "7"));
        clock.advance(Duration.ofSeconds(599));
        assertThat(hosts.resolve(credential.hostToken())).isPresent();
        clock.advance(Duration.ofSeconds(2));
        assertThat(hosts.resolve(credential.hostToken())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aGrantNotUsedWithinItsRegistrationWindowRegistersNothing(String kind) throws Exception {
        setUp(kind);
        PilotGrant grant = grant(publicWorker, 5);
        clock.advance(Duration.ofSeconds(3601));
        assertThatThrownBy(() -> pilots.register(grant.token(), new PilotRegistration(NODE, "8")))
                .isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> pilots.register("xwp_not-a-grant", new PilotRegistration(NODE, "8")))
                .isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> pilots.register("xwu_a-user-token", new PilotRegistration(NODE, "8")))
                .isInstanceOf(Unauthenticated.class);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aGrantOfAnAccountRemovedSinceRegistersNothing(String kind) throws Exception {
        setUp(kind);
        PilotGrant grant = grant(publicWorker, 1);
        jdbc.tx("delete", c -> {
            try (var ps = c.prepareStatement("UPDATE users SET deleted = TRUE WHERE uid = ?")) {
                ps.setString(1, publicWorker.userUid());
                return ps.executeUpdate();
            }
        });
        assertThatThrownBy(() -> pilots.register(grant.token(), new PilotRegistration(NODE, "9")))
                .isInstanceOf(Unauthenticated.class).hasMessageContaining("removed");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void onlyWorkerIdentitiesWithTheirUserTokenGetGrantsWithinTheLimits(String kind) throws Exception {
        setUp(kind);
        Caller none = user("nobody", UserRights.NONE, null);
        assertThatThrownBy(() -> grant(none, 1)).isInstanceOf(Forbidden.class);
        Caller hostToken = new Caller(publicWorker.userUid(), publicWorker.login(), publicWorker.rights(), null, "some-host");
        assertThatThrownBy(() -> grant(hostToken, 1)).isInstanceOf(Forbidden.class).hasMessageContaining("host token");
        assertThatThrownBy(() -> grant(publicWorker, 0)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> pilots.grant(publicWorker, new PilotGrantRequest("c1", 1, 10, 3600)))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("lifetimeSeconds");
        assertThatThrownBy(() -> pilots.grant(publicWorker, new PilotGrantRequest("c".repeat(101), 1, 600, 3600)))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("cluster");
        // A private worker identity (a scientist running her own works) may run pilots too.
        assertThat(grant(alice, 1).pilots()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theDemandCountsOnlyThePendingWorksTheIdentityMayRun(String kind) throws Exception {
        setUp(kind);
        submit(alice, 3, null);          // public
        submit(carol, 2, null);          // public, another group
        submit(bob, 4, "0x750");         // bob's group (team) only
        submit(carol, 5, "0x750");       // the other group only
        submit(alice, 6, "0x700");       // alice's private works
        String aliceHost = hosts.register(alice, NODE).hostUid();
        works.submit(alice, new WorkSubmit("echo", List.of(), null, null, null, null, null, null, aliceHost)); // pinned: never a pilot's

        assertThat(demand(publicWorker)).isEqualTo(new PilotDemand("pworker", "PUBLIC", "linux", "amd64", 5));
        assertThat(demand(groupWorker).pending()).isEqualTo(5 + 4);
        assertThat(demand(groupWorker).scope()).isEqualTo("GROUP");
        assertThat(demand(alice)).isEqualTo(new PilotDemand("alice", "PRIVATE", "linux", "amd64", 3 + 6));
        assertThat(pilots.demand(publicWorker, "Linux", "x86_64").pending()).isEqualTo(5);
        assertThat(pilots.demand(publicWorker, "linux", "aarch64").pending()).isZero();
    }

    private PilotDemand demand(Caller who) {
        return pilots.demand(who, "linux", "amd64");
    }

    private void submit(Caller owner, int count, String rights) {
        for (int i = 0; i < count; i++) {
            String uid = works.submit(owner, new WorkSubmit("echo", List.of(), null, null, null)).uid();
            if (rights != null) {
                works.chmod(owner, uid, rights);
            }
        }
    }
}
