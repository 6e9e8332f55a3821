package xtremweb.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import xtremweb.common.model.UserRights;
import xtremweb.common.rights.AccessRights;

class AccessPolicyTest {
    private final AccessPolicy policy = new AccessPolicy();

    /**
     * The whole decision matrix, written from the manual (not from the code): for each user level,
     * the caller's relation to the object's owner and the object's rights, which of
     * r(ead) w(rite) x(execute) d(elete) c(hmod) are allowed; '-' means refused.
     * NONE may do nothing. WORKER_USER only reads and executes what the bits allow (it inserts
     * nothing of its own). STANDARD and ADVANCED users follow the owner / group / other bits and
     * alone delete and chmod what they own. SUPER_USER may do anything.
     */
    private static final String MATRIX = """
            level          relation  rights  allowed
            NONE           owner     0x700   -----
            NONE           group     0x700   -----
            NONE           other     0x700   -----
            NONE           owner     0x750   -----
            NONE           group     0x750   -----
            NONE           other     0x750   -----
            NONE           owner     0x755   -----
            NONE           group     0x755   -----
            NONE           other     0x755   -----
            WORKER_USER    owner     0x700   r-x--
            WORKER_USER    group     0x700   -----
            WORKER_USER    other     0x700   -----
            WORKER_USER    owner     0x750   r-x--
            WORKER_USER    group     0x750   r-x--
            WORKER_USER    other     0x750   -----
            WORKER_USER    owner     0x755   r-x--
            WORKER_USER    group     0x755   r-x--
            WORKER_USER    other     0x755   r-x--
            STANDARD_USER  owner     0x700   rwxdc
            STANDARD_USER  group     0x700   -----
            STANDARD_USER  other     0x700   -----
            STANDARD_USER  owner     0x750   rwxdc
            STANDARD_USER  group     0x750   r-x--
            STANDARD_USER  other     0x750   -----
            STANDARD_USER  owner     0x755   rwxdc
            STANDARD_USER  group     0x755   r-x--
            STANDARD_USER  other     0x755   r-x--
            ADVANCED_USER  owner     0x700   rwxdc
            ADVANCED_USER  group     0x700   -----
            ADVANCED_USER  other     0x700   -----
            ADVANCED_USER  owner     0x750   rwxdc
            ADVANCED_USER  group     0x750   r-x--
            ADVANCED_USER  other     0x750   -----
            ADVANCED_USER  owner     0x755   rwxdc
            ADVANCED_USER  group     0x755   r-x--
            ADVANCED_USER  other     0x755   r-x--
            SUPER_USER     owner     0x700   rwxdc
            SUPER_USER     group     0x700   rwxdc
            SUPER_USER     other     0x700   rwxdc
            SUPER_USER     owner     0x750   rwxdc
            SUPER_USER     group     0x750   rwxdc
            SUPER_USER     other     0x750   rwxdc
            SUPER_USER     owner     0x755   rwxdc
            SUPER_USER     group     0x755   rwxdc
            SUPER_USER     other     0x755   rwxdc
            """;

    private static final Action[] COLUMNS = {Action.READ, Action.WRITE, Action.EXECUTE, Action.DELETE, Action.CHMOD};

    private static Caller caller(UserRights level, String relation) {
        return switch (relation) {
            case "owner" -> new Caller("owner", "owner", level, "g1", null);
            case "group" -> new Caller("mate", "mate", level, "g1", null);
            default -> new Caller("stranger", "stranger", level, "g2", null);
        };
    }

    @Test
    void everyCellOfTheMatrixMatchesTheManual() {
        List<String> lines = MATRIX.lines().skip(1).filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSize(UserRights.values().length * 3 * 3);
        List<String> wrong = new ArrayList<>();
        for (String line : lines) {
            String[] cell = line.trim().split("\\s+");
            Caller caller = caller(UserRights.valueOf(cell[0]), cell[1]);
            Owned object = new Owned("owner", "g1", AccessRights.parse(cell[2]));
            Map<Action, Boolean> expected = new EnumMap<>(Action.class);
            for (int i = 0; i < COLUMNS.length; i++) {
                expected.put(COLUMNS[i], cell[3].charAt(i) != '-');
            }
            for (Action action : COLUMNS) {
                if (policy.may(caller, action, object) != expected.get(action)) {
                    wrong.add(line.trim() + " -> " + action + " should be " + expected.get(action));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void usersWithoutGroupAreNeverGroupMatesOfEachOther() {
        Caller loner = new Caller("loner", "l", UserRights.STANDARD_USER, null, null);
        assertThat(policy.mayRead(loner, new Owned("owner", null, AccessRights.GROUP))).isFalse();
    }

    @ParameterizedTest(name = "{0} on {1}: read={2} write={3} execute={4}")
    @CsvSource({
            "other, 604, true, false, false",
            "group, 640, true, false, false",
            "group, 770, true, true, true",
            "owner, 077, false, false, false",
    })
    void unusualRightsStillFollowTheirBits(String who, String rights, boolean read, boolean write, boolean execute) {
        Caller caller = caller(UserRights.STANDARD_USER, who);
        Owned object = new Owned("owner", "g1", AccessRights.parse(rights));
        assertThat(policy.mayRead(caller, object)).isEqualTo(read);
        assertThat(policy.mayWrite(caller, object)).isEqualTo(write);
        assertThat(policy.mayExecute(caller, object)).isEqualTo(execute);
    }

    @Test
    void appsArePublicOnlyWhenInsertedByAdvancedUsersOrAboveAndTheirRightsNeverChange() {
        assertThat(policy.appRights(UserRights.STANDARD_USER)).isEqualTo(AccessRights.PRIVATE);
        assertThat(policy.appRights(UserRights.WORKER_USER)).isEqualTo(AccessRights.PRIVATE);
        assertThat(policy.appRights(UserRights.ADVANCED_USER)).isEqualTo(AccessRights.PUBLIC);
        assertThat(policy.appRights(UserRights.SUPER_USER)).isEqualTo(AccessRights.PUBLIC);
        assertThat(policy.mayChmodApp()).isFalse();
    }

    @Test
    void workRightsAreRequestedAndAppRightsAndDataDefaultsToPublic() {
        assertThat(policy.workRights(null, AccessRights.PRIVATE)).isEqualTo(AccessRights.PRIVATE);
        assertThat(policy.workRights(null, AccessRights.PUBLIC)).isEqualTo(AccessRights.PUBLIC);
        assertThat(policy.workRights(AccessRights.GROUP, AccessRights.PUBLIC)).isEqualTo(AccessRights.GROUP);
        assertThat(policy.workRights(AccessRights.PUBLIC, AccessRights.PRIVATE)).isEqualTo(AccessRights.PRIVATE);
        assertThat(policy.dataRights(null)).isEqualTo(AccessRights.PUBLIC);
        assertThat(policy.dataRights(AccessRights.PRIVATE)).isEqualTo(AccessRights.PRIVATE);
    }

    /** Inserting a job into a session or group is the matrix's write column, cell by cell. */
    @Test
    void onlyThoseWhoMayWriteASessionOrGroupInsertJobsIntoIt() {
        List<String> wrong = new ArrayList<>();
        for (String line : MATRIX.lines().skip(1).filter(l -> !l.isBlank()).toList()) {
            String[] cell = line.trim().split("\\s+");
            boolean expected = cell[3].charAt(1) == 'w';
            Owned session = new Owned("owner", "g1", AccessRights.parse(cell[2]));
            if (policy.mayInsertInto(caller(UserRights.valueOf(cell[0]), cell[1]), session) != expected) {
                wrong.add(line.trim() + " -> insert should be " + expected);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void sessionsAndGroupsArePrivateUnlessTheirOwnerAsks() {
        assertThat(policy.groupingRights(null)).isEqualTo(AccessRights.PRIVATE);
        assertThat(policy.groupingRights(AccessRights.parse("770"))).isEqualTo(AccessRights.parse("770"));
    }

    @Test
    void workerAccountsAndHostsCannotSubmit() {
        assertThat(policy.maySubmit(new Caller("w", "worker", UserRights.WORKER_USER, null, null))).isFalse();
        assertThat(policy.maySubmit(new Caller("u", "u", UserRights.STANDARD_USER, null, "host"))).isFalse();
        assertThat(policy.maySubmit(caller(UserRights.STANDARD_USER, "owner"))).isTrue();
    }

    @Test
    void onlySuperUsersCreateUsersAndNeverAboveThemselves() {
        for (UserRights level : UserRights.values()) {
            Caller creator = new Caller("c", "c", level, "g1", null);
            for (UserRights requested : UserRights.values()) {
                assertThat(policy.mayCreateUser(creator, requested))
                        .as("%s creates %s", level, requested)
                        .isEqualTo(level == UserRights.SUPER_USER);
            }
            assertThat(policy.mayAdministerUsers(creator)).isEqualTo(level == UserRights.SUPER_USER);
        }
    }

    /**
     * Who lists and (de)activates a host, by level and relation to the host's owner, with a user
     * token and with a host token: the owner from STANDARD_USER up (a private worker runs under its
     * owner's account), never a shared WORKER_USER account, never a worker's host token.
     */
    @ParameterizedTest(name = "{0} {1}: user token {2}, host token {3}")
    @CsvSource({
            "NONE,          owner, false, false", "NONE,          group, false, false", "NONE,          other, false, false",
            "WORKER_USER,   owner, false, false", "WORKER_USER,   group, false, false", "WORKER_USER,   other, false, false",
            "STANDARD_USER, owner, true,  false", "STANDARD_USER, group, false, false", "STANDARD_USER, other, false, false",
            "ADVANCED_USER, owner, true,  false", "ADVANCED_USER, group, false, false", "ADVANCED_USER, other, false, false",
            "SUPER_USER,    owner, true,  false", "SUPER_USER,    group, true,  false", "SUPER_USER,    other, true,  false"})
    void hostsAreManagedByTheirOwnerFromStandardUpOrBySuperUsersNeverWithAHostToken(UserRights level, String relation,
                                                                                    boolean userToken, boolean hostToken) {
        Caller withUserToken = caller(level, relation);
        Caller withHostToken = new Caller(withUserToken.userUid(), withUserToken.login(), level, withUserToken.usergroupUid(), "h1");

        assertThat(policy.mayManageHost(withUserToken, "owner")).isEqualTo(userToken);
        assertThat(policy.mayManageHost(withHostToken, "owner")).isEqualTo(hostToken);
    }

    @Test
    void workersRunExactlyTheWorksTheirLevelAllows() {
        Caller publicWorker = new Caller("pw", "pw", UserRights.WORKER_USER, null, "h1");
        Caller groupWorker = new Caller("gw", "gw", UserRights.WORKER_USER, "g1", "h2");
        Caller privateWorker = new Caller("owner", "owner", UserRights.STANDARD_USER, "g1", "h3");
        Owned publicOfOwner = new Owned("owner", "g1", AccessRights.PUBLIC);
        Owned groupOfOwner = new Owned("owner", "g1", AccessRights.GROUP);
        Owned privateOfOwner = new Owned("owner", "g1", AccessRights.PRIVATE);
        Owned groupOfOtherGroup = new Owned("x", "g2", AccessRights.GROUP);
        Owned privateOfOther = new Owned("x", "g1", AccessRights.PRIVATE);

        assertThat(policy.workerScope(publicWorker)).isEqualTo(WorkerScope.PUBLIC);
        assertThat(policy.workerScope(groupWorker)).isEqualTo(WorkerScope.GROUP);
        assertThat(policy.workerScope(privateWorker)).isEqualTo(WorkerScope.PRIVATE);

        assertThat(List.of(publicOfOwner, groupOfOwner, privateOfOwner, groupOfOtherGroup, privateOfOther))
                .extracting(w -> policy.mayRun(publicWorker, w) + "/" + policy.mayRun(groupWorker, w) + "/" + policy.mayRun(privateWorker, w))
                .containsExactly("true/true/true", "false/true/true", "false/false/true", "false/false/false", "false/false/false");
        assertThat(policy.mayRun(new Caller("n", "n", UserRights.NONE, null, "h4"), publicOfOwner)).isFalse();
    }

    @Test
    void aPublicWorkerCannotDownloadPrivateDataButAGroupWorkerReadsItsGroupsData() {
        Caller publicWorker = new Caller("pw", "pw", UserRights.WORKER_USER, null, "h1");
        Caller groupWorker = new Caller("gw", "gw", UserRights.WORKER_USER, "g1", "h2");
        assertThat(policy.mayDownloadInput(publicWorker, new Owned("owner", "g1", AccessRights.PRIVATE))).isFalse();
        assertThat(policy.mayDownloadInput(publicWorker, new Owned("owner", "g1", AccessRights.PUBLIC))).isTrue();
        assertThat(policy.mayDownloadInput(groupWorker, new Owned("owner", "g1", AccessRights.GROUP))).isTrue();
        assertThat(policy.mayDownloadInput(groupWorker, new Owned("owner", "g1", AccessRights.PRIVATE))).isFalse();
    }

    @Test
    void everyLevelThatMayRunWorksMayRunPilotsWithItsUserTokenOnly() {
        // The matrix: each level, with a user token and with a host token.
        for (UserRights level : UserRights.values()) {
            boolean worker = level.atLeast(UserRights.WORKER_USER);
            assertThat(policy.mayRequestPilots(new Caller("u", "u", level, null, null))).as(level + " user token").isEqualTo(worker);
            assertThat(policy.mayRequestPilots(new Caller("u", "u", level, "g1", null))).as(level + " in a group").isEqualTo(worker);
            assertThat(policy.mayRequestPilots(new Caller("u", "u", level, null, "h1"))).as(level + " host token").isFalse();
        }
    }

    @Test
    void aPilotRunsExactlyWhatAWorkerOfItsBridgesIdentityRuns() {
        // Pilot hosts are callers of the bridge's identity: the who-runs-what rules apply unchanged.
        Caller groupBridgePilot = new Caller("gw", "gw", UserRights.WORKER_USER, "g1", "pilot-host");
        assertThat(policy.mayRun(groupBridgePilot, new Owned("a", "g1", AccessRights.GROUP))).isTrue();
        assertThat(policy.mayRun(groupBridgePilot, new Owned("b", "g2", AccessRights.GROUP))).isFalse();
        assertThat(policy.mayRun(groupBridgePilot, new Owned("a", "g1", AccessRights.PRIVATE))).isFalse();
        assertThat(policy.mayRun(groupBridgePilot, new Owned("b", "g2", AccessRights.PUBLIC))).isTrue();
    }

    @Test
    void aHostTokenReadsWhatItsAccountReadsButChangesNothingEvenItsOwnersOrASuperUsers() {
        Owned mine = new Owned("owner", "g1", AccessRights.parse("0x777"));
        for (UserRights level : new UserRights[] {UserRights.STANDARD_USER, UserRights.ADVANCED_USER, UserRights.SUPER_USER}) {
            Caller user = new Caller("owner", "owner", level, "g1", null);
            Caller host = new Caller("owner", "owner", level, "g1", "h1");
            for (Action action : Action.values()) {
                assertThat(policy.may(user, action, mine)).as("%s user token %s", level, action).isTrue();
                boolean reads = action == Action.READ || action == Action.EXECUTE;
                assertThat(policy.may(host, action, mine)).as("%s host token %s", level, action).isEqualTo(reads);
            }
            assertThat(policy.unlessHost(host, "only the owner")).contains("host token");
            assertThat(policy.whyNoWrite(host, mine, "uploading")).contains("host token");
            assertThat(policy.unlessHost(user, "only the owner")).isEqualTo("only the owner");
        }
    }
}
