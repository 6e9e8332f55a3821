package xtremweb.server.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
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
import xtremweb.common.wire.AppCreate;
import xtremweb.server.MutableClock;
import xtremweb.server.data.DataRepository;
import xtremweb.server.data.DataRow;
import xtremweb.server.data.DataService;
import xtremweb.server.data.LocalDataStore;
import xtremweb.server.db.Jdbc;
import xtremweb.server.db.TestDatabase;
import xtremweb.server.policy.AccessPolicy;
import xtremweb.server.policy.Caller;
import xtremweb.server.refusal.NotFound;
import xtremweb.server.user.UserRepository;
import xtremweb.server.user.UserRow;

/**
 * An app's binary is data with the app's rights: a private app's executable is nobody else's to
 * list or download, whoever inserted it (CLI or API). On the embedded database and on MariaDB.
 */
class AppBinaryRightsTest {
    @TempDir
    Path temp;
    private TestDatabase db;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private Jdbc jdbc;
    private DataService datas;
    private AppService apps;
    private Caller alice;
    private Caller bob;
    private Caller advanced;

    static List<String> kinds() {
        return TestDatabase.kinds().toList();
    }

    private void setUp(String kind) throws Exception {
        db = TestDatabase.open(kind, temp.resolve("db"));
        jdbc = db.jdbc();
        AccessPolicy policy = new AccessPolicy();
        datas = new DataService(jdbc, new DataRepository(), new LocalDataStore(temp.resolve("data")), policy, clock, "xw://test:1/");
        AppBinaryRepository binaries = new AppBinaryRepository();
        apps = new AppService(jdbc, new AppRepository(binaries), binaries, datas, policy, clock);
        UserRepository users = new UserRepository();
        alice = user(users, "alice", UserRights.STANDARD_USER);
        bob = user(users, "bob", UserRights.STANDARD_USER);
        advanced = user(users, "carol", UserRights.ADVANCED_USER);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    private Caller user(UserRepository users, String login, UserRights rights) {
        UserRow row = new UserRow(UUID.randomUUID().toString(), login, "x", null, rights, null, clock.instant());
        jdbc.tx("user", c -> {
            users.insert(c, row);
            return null;
        });
        return row.caller();
    }

    /** A binary uploaded as xwsendapp does without --xwrights: data with the default, public rights. */
    private String binary(Caller owner) {
        String uid = UUID.randomUUID().toString();
        jdbc.tx("binary", c -> {
            new DataRepository().insert(c, new DataRow(uid, "tool", "BINARY", "linux", "amd64", 3L, "00", 3L, "00",
                    DataStatus.AVAILABLE, AccessRights.PUBLIC, owner.userUid(), null, clock.instant()));
            return null;
        });
        return uid;
    }

    private AccessRights rightsOf(String dataUid) {
        return datas.find(dataUid).orElseThrow().rights();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aPrivateAppsBinaryIsPrivateToo(String kind) throws Exception {
        setUp(kind);
        String binary = binary(alice);
        AppRow app = apps.insert(alice, new AppCreate("myapp", "amd64", "linux", binary));
        assertThat(app.rights()).isEqualTo(AccessRights.PRIVATE);
        assertThat(rightsOf(binary)).isEqualTo(AccessRights.PRIVATE);
        assertThatThrownBy(() -> datas.readable(bob, binary)).isInstanceOf(NotFound.class);
        assertThat(datas.list(bob)).extracting(DataRow::uid).doesNotContain(binary);
        assertThat(datas.readable(alice, binary).uid()).isEqualTo(binary);

        // A binary added for another platform takes the app's rights as well.
        String second = binary(alice);
        apps.insert(alice, new AppCreate("myapp", "aarch64", "linux", second));
        assertThat(rightsOf(second)).isEqualTo(AccessRights.PRIVATE);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aGroupAppsBinaryGetsTheGroupRights(String kind) throws Exception {
        setUp(kind);
        String binary = binary(advanced);
        apps.insert(advanced, new AppCreate("grouptool", "amd64", "linux", binary, "0x750"));
        assertThat(rightsOf(binary)).isEqualTo(AccessRights.GROUP);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aBinarySharedByAPublicAndAPrivateAppStaysReadableAsThePublicOnesIs(String kind) throws Exception {
        setUp(kind);
        String binary = binary(advanced);
        apps.insert(advanced, new AppCreate("hidden", "amd64", "linux", binary, "0x700"));
        assertThat(rightsOf(binary)).isEqualTo(AccessRights.PRIVATE);
        apps.insert(advanced, new AppCreate("shown", "amd64", "linux", binary));
        assertThat(rightsOf(binary)).isEqualTo(AccessRights.PUBLIC);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void anotherUsersDataUsedAsABinaryKeepsTheRightsItsOwnerGaveIt(String kind) throws Exception {
        setUp(kind);
        String alices = binary(alice);
        apps.insert(bob, new AppCreate("bobs", "amd64", "linux", alices));
        assertThat(rightsOf(alices)).isEqualTo(AccessRights.PUBLIC);
    }
}
