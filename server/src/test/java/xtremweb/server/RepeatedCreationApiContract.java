package xtremweb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.model.UserRights;
import xtremweb.common.wire.DataCreate;
import xtremweb.common.wire.DataView;
import xtremweb.common.wire.UserCreate;
import xtremweb.common.wire.UserView;
import xtremweb.common.wire.WorkBatch;
import xtremweb.common.wire.WorkBatchResult;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.common.wire.WorkView;

/**
 * A create sent again with the same {@code Idempotency-Key} (its first answer was lost: the
 * connection cut after the commit, the server restarted) over real HTTPS on the database the
 * subclass names: answered with what the first one created, which the database holds once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RepeatedCreationApiContract {
    private static final String PASSWORD = "a long enough password";
    @TempDir
    static Path home;
    private ApiServer api;
    private XwHttpClient alice;
    private XwHttpClient bob;

    abstract Map<String, String> databaseConfig() throws Exception;

    abstract void dropDatabase() throws Exception;

    /** A connection to the server's database, to count what it holds. */
    abstract Connection database(Path home) throws Exception;

    @BeforeAll
    void start() throws Exception {
        api = ApiServer.start(home, databaseConfig());
        XwHttpClient admin = api.loggedIn("admin");
        for (String who : List.of("alice", "bob")) {
            admin.post("/api/v1/users", new UserCreate(who, PASSWORD, null, UserRights.STANDARD_USER, null), UserView.class);
        }
        logIn();
    }

    private void logIn() {
        alice = api.loggedIn("alice", PASSWORD);
        bob = api.loggedIn("bob", PASSWORD);
    }

    @AfterAll
    void stop() throws Exception {
        if (api != null) {
            api.close();
        }
        dropDatabase();
    }

    private static WorkSubmit job(String label) {
        return new WorkSubmit(ApiServer.APP, List.of("-n", "1"), label, null, null);
    }

    /** Rows of {@code table} whose {@code column} is {@code value}, counted in the database itself. */
    private long rows(String table, String column, String value) throws Exception {
        try (Connection c = database(home);
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void aSubmissionSentAgainWithItsKeyIsAnsweredWithTheSameWorkHeldOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        WorkView first = alice.postCreating("/api/v1/works", job("sent twice"), WorkView.class, key);
        WorkView again = alice.postCreating("/api/v1/works", job("sent twice"), WorkView.class, key);
        assertThat(again.uid()).isEqualTo(first.uid());
        assertThat(again.label()).isEqualTo("sent twice");
        assertThat(rows("works", "label", "sent twice")).as("works the database holds").isEqualTo(1);
    }

    @Test
    void repetitionsArrivingTogetherWithOtherSubmissionsCreateOneWorkAndHoldNobodyBack() throws Exception {
        // A client that timed out sends its request again while the first may still be committing,
        // among other submitters' works committed in the same group.
        String key = UUID.randomUUID().toString();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<String>> repeated = new java.util.ArrayList<>();
            List<java.util.concurrent.Future<String>> others = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                repeated.add(pool.submit(() -> alice.postCreating("/api/v1/works", job("repeated together"), WorkView.class, key).uid()));
                others.add(pool.submit(() -> bob.postCreating("/api/v1/works", job("submitted beside"), WorkView.class).uid()));
            }
            java.util.Set<String> answered = new java.util.HashSet<>();
            for (var f : repeated) {
                answered.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(answered).as("the UIDs the repetitions were answered").hasSize(1);
            java.util.Set<String> besides = new java.util.HashSet<>();
            for (var f : others) {
                besides.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(besides).hasSize(4);
        } finally {
            pool.shutdownNow();
        }
        assertThat(rows("works", "label", "repeated together")).isEqualTo(1);
        assertThat(rows("works", "label", "submitted beside")).isEqualTo(4);
    }

    @Test
    void theSameKeyForAnotherJobIsRefusedAndCreatesNothing() throws Exception {
        String key = UUID.randomUUID().toString();
        alice.postCreating("/api/v1/works", job("the first job"), WorkView.class, key);
        assertThatThrownBy(() -> alice.postCreating("/api/v1/works", job("another job"), WorkView.class, key))
                .isInstanceOfSatisfying(XwApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.code()).isEqualTo("idempotency-key-reused");
                    assertThat(e.getMessage()).contains(key).contains("new key");
                });
        assertThat(rows("works", "label", "another job")).isZero();
    }

    @Test
    void keysAreEachUsersOwn() throws Exception {
        String key = UUID.randomUUID().toString();
        WorkView alices = alice.postCreating("/api/v1/works", job("same key, two users"), WorkView.class, key);
        WorkView bobs = bob.postCreating("/api/v1/works", job("same key, two users"), WorkView.class, key);
        assertThat(bobs.uid()).isNotEqualTo(alices.uid());
        assertThat(bobs.ownerUid()).isNotEqualTo(alices.ownerUid());
        assertThat(rows("works", "label", "same key, two users")).isEqualTo(2);
    }

    @Test
    void aSweepSentAgainWithItsKeyIsAnsweredWithTheSameWorksInTheSameOrder() throws Exception {
        String key = UUID.randomUUID().toString();
        List<WorkBatch.Job> jobs = List.of(new WorkBatch.Job(List.of("1"), "sweep line"), new WorkBatch.Job(List.of("2"), "sweep line"),
                new WorkBatch.Job(List.of("3"), "sweep line"));
        WorkBatch sweep = new WorkBatch(job(null), jobs);
        List<String> first = alice.postCreating("/api/v1/works/batch", sweep, WorkBatchResult.class, key).uids();
        List<String> again = alice.postCreating("/api/v1/works/batch", sweep, WorkBatchResult.class, key).uids();
        assertThat(again).hasSize(3).containsExactlyElementsOf(first);
        assertThat(rows("works", "label", "sweep line")).isEqualTo(3);
        // The same key with one line changed is another request.
        WorkBatch changed = new WorkBatch(job(null), List.of(jobs.get(0), jobs.get(1), new WorkBatch.Job(List.of("4"), "sweep line")));
        assertThatThrownBy(() -> alice.postCreating("/api/v1/works/batch", changed, WorkBatchResult.class, key))
                .isInstanceOfSatisfying(XwApiException.class, e -> assertThat(e.code()).isEqualTo("idempotency-key-reused"));
        assertThat(rows("works", "label", "sweep line")).isEqualTo(3);
        // So is the same key with its first lines only.
        WorkBatch shorter = new WorkBatch(job(null), jobs.subList(0, 2));
        assertThatThrownBy(() -> alice.postCreating("/api/v1/works/batch", shorter, WorkBatchResult.class, key))
                .isInstanceOfSatisfying(XwApiException.class, e -> assertThat(e.code()).isEqualTo("idempotency-key-reused"));
        assertThat(rows("works", "label", "sweep line")).isEqualTo(3);
    }

    @Test
    void aDataSentAgainWithItsKeyIsAnsweredWithTheSameDataHeldOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        DataCreate create = new DataCreate("inserted twice", null, null, null, 3L, null, null);
        DataView first = alice.postCreating("/api/v1/datas", create, DataView.class, key);
        DataView again = alice.postCreating("/api/v1/datas", create, DataView.class, key);
        assertThat(again.uid()).isEqualTo(first.uid());
        assertThat(rows("datas", "name", "inserted twice")).isEqualTo(1);
        assertThatThrownBy(() -> alice.postCreating("/api/v1/datas", new DataCreate("another", null, null, null, 3L, null, null),
                DataView.class, key)).isInstanceOfSatisfying(XwApiException.class, e -> assertThat(e.status()).isEqualTo(422));
    }

    @Test
    void aUserCreatedAgainWithItsKeyIsAnsweredWithThatUserAndADifferentOneStillRefused() {
        XwHttpClient admin = api.loggedIn("admin");
        UserCreate carol = new UserCreate("carol", PASSWORD, "carol@example.org", UserRights.STANDARD_USER, null);
        UserView first = admin.postCreating("/api/v1/users", carol, UserView.class, UUID.randomUUID().toString());
        UserView again = admin.postCreating("/api/v1/users", carol, UserView.class, UUID.randomUUID().toString());
        assertThat(again.uid()).isEqualTo(first.uid());
        // Another password (or anything else) is another user asked for: the login is taken.
        UserCreate other = new UserCreate("carol", "another long password", "carol@example.org", UserRights.STANDARD_USER, null);
        assertThatThrownBy(() -> admin.postCreating("/api/v1/users", other, UserView.class, UUID.randomUUID().toString()))
                .isInstanceOfSatisfying(XwApiException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThatThrownBy(() -> admin.post("/api/v1/users", carol, UserView.class))
                .as("without a key, as before").isInstanceOfSatisfying(XwApiException.class, e -> assertThat(e.status()).isEqualTo(409));
    }

    @Test
    void aSessionCreatedAgainWithItsKeyIsAnsweredWithThatSession() {
        String key = UUID.randomUUID().toString();
        var create = new xtremweb.common.wire.GroupingCreate("run-repeated");
        var first = alice.postCreating("/api/v1/sessions", create, xtremweb.common.wire.GroupingView.class, key);
        var again = alice.postCreating("/api/v1/sessions", create, xtremweb.common.wire.GroupingView.class, key);
        assertThat(again.uid()).isEqualTo(first.uid());
        assertThatThrownBy(() -> alice.post("/api/v1/sessions", create, xtremweb.common.wire.GroupingView.class))
                .as("without a key, as before").isInstanceOfSatisfying(XwApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("session-exists");
                });
    }

    @Test
    void aKeyOfAnotherShapeIsRefused() {
        assertThatThrownBy(() -> alice.postCreating("/api/v1/works", job("bad key"), WorkView.class, "not a key; DROP"))
                .isInstanceOfSatisfying(XwApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("bad-idempotency-key");
                });
    }

    @Test
    void aRepetitionAfterTheServerRestartedFindsTheWorkInTheDatabase() throws Exception {
        String key = UUID.randomUUID().toString();
        WorkView first = alice.postCreating("/api/v1/works", job("across a restart"), WorkView.class, key);
        api.close();
        api = ApiServer.start(home, databaseConfig());
        logIn();
        WorkView again = alice.postCreating("/api/v1/works", job("across a restart"), WorkView.class, key);
        assertThat(again.uid()).isEqualTo(first.uid());
        assertThat(rows("works", "label", "across a restart")).isEqualTo(1);
    }
}
