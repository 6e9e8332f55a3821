package xtremweb.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.http.PinnedTrust;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.model.UserRights;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.Assignment;
import xtremweb.common.wire.LoginRequest;
import xtremweb.common.wire.ResultReceipt;
import xtremweb.common.wire.TokenResponse;
import xtremweb.common.wire.UserCreate;
import xtremweb.common.wire.UserView;
import xtremweb.common.wire.WorkRequest;
import xtremweb.common.wire.WorkResponse;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.common.wire.WorkView;

/**
 * {@code longpoll.perCaller}: one user, or one host, cannot hold more long polls at once than the
 * bound (here 2), each of which would read the database once a second; the call beyond it is a 429
 * with Retry-After that claims nothing, other callers are not held back, and the places free again
 * once the waits end.
 */
class LongPollBoundApiTest {
    private static final String PASSWORD = "a long enough password";
    @TempDir
    static Path home;
    static ApiServer api;
    static RawHttps http;
    static XwHttpClient alice;
    static String aliceToken;
    static String bobToken;

    @BeforeAll
    static void start() throws Exception {
        api = ApiServer.start(home, Map.of("longpoll.perCaller", "2"));
        XwHttpClient admin = api.loggedIn("admin");
        for (String who : List.of("alice", "bob")) {
            admin.post("/api/v1/users", new UserCreate(who, PASSWORD, null, UserRights.STANDARD_USER, null), UserView.class);
        }
        alice = api.loggedIn("alice", PASSWORD);
        aliceToken = api.client().post("/api/v1/login", new LoginRequest("alice", PASSWORD), TokenResponse.class).token();
        bobToken = api.client().post("/api/v1/login", new LoginRequest("bob", PASSWORD), TokenResponse.class).token();
        http = new RawHttps(api.server().port(), PinnedTrust.sslContext(PinnedTrust.readPem(api.server().certificateFile())));
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    private static RawHttps.Answer glance(String token, String workUid) throws java.io.IOException {
        return http.send("GET", "/api/v1/works/" + workUid + "?waitSeconds=0", Map.of("Authorization", "Bearer " + token), null);
    }

    @Test
    void aUserBeyondTheBoundIsRefusedWithRetryAfterAndOthersAreNot() throws Exception {
        String work = alice.post("/api/v1/works", new WorkSubmit(ApiServer.APP, List.of(), null, null, null), WorkView.class).uid();
        List<CompletableFuture<WorkView>> waits = List.of(1, 2).stream().map(i -> CompletableFuture.supplyAsync(() ->
                alice.getWaiting("/api/v1/works/" + work + "?waitSeconds=60", WorkView.class, Duration.ofSeconds(60)))).toList();
        // Once both waits are held, a third call of alice's, even one that would not wait, is refused.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> glance(aliceToken, work).status() == 429);
        RawHttps.Answer refused = glance(aliceToken, work);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.json().path("code").asText()).isEqualTo("too-many-waits");
        assertThat(refused.json().path("detail").asText()).contains("longpoll.perCaller").contains("let one end");
        assertThat(Long.parseLong(refused.header("retry-after"))).isPositive();
        assertThat(refused.header("strict-transport-security")).startsWith("max-age=");
        // Bob is not alice: his calls are counted apart (the work's default rights let others read it).
        assertThat(glance(bobToken, work).status()).isEqualTo(200);

        // A host is counted apart from users: it claims the work and ends it, which ends alice's waits.
        XwHttpClient host = api.host(api.register("bounded", 1));
        Assignment task = host.post("/api/v1/worker/workrequest", new WorkRequest(5, 1), WorkResponse.class).assignment();
        assertThat(task.workUid()).isEqualTo(work);
        host.upload("/api/v1/worker/tasks/" + task.taskUid() + "/result?exitCode=0", Files.writeString(home.resolve("r1"), "r"),
                Map.of(), ResultReceipt.class);
        for (CompletableFuture<WorkView> wait : waits) {
            assertThat(wait.get(60, TimeUnit.SECONDS).status()).isEqualTo(WorkStatus.COMPLETED);
        }
        // The places are free again.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> glance(aliceToken, work).status() == 200);
    }

    @Test
    void aHostBeyondTheBoundClaimsNothingAndTheWorkGoesToAWaitingRequest() throws Exception {
        XwHttpClient host = api.host(api.register("greedy", 4));
        List<CompletableFuture<WorkResponse>> requests = List.of(1, 2).stream().map(i -> CompletableFuture.supplyAsync(() ->
                host.postWaiting("/api/v1/worker/workrequest", new WorkRequest(60, 1), WorkResponse.class,
                        Duration.ofSeconds(60)))).toList();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                org.assertj.core.api.Assertions.catchThrowableOfType(xtremweb.common.http.XwApiException.class,
                        () -> host.post("/api/v1/worker/workrequest", new WorkRequest(0, 1), WorkResponse.class)))
                .isNotNull().extracting(e -> e.status()).isEqualTo(429));
        // Nothing was claimed by the refused request: the work submitted now goes to a waiting one.
        String work = alice.post("/api/v1/works", new WorkSubmit(ApiServer.APP, List.of(), null, null, null), WorkView.class).uid();
        Assignment task = ((WorkResponse) CompletableFuture.anyOf(requests.toArray(CompletableFuture[]::new))
                .get(60, TimeUnit.SECONDS)).assignment();
        assertThat(task).isNotNull();
        assertThat(task.workUid()).isEqualTo(work);
        host.upload("/api/v1/worker/tasks/" + task.taskUid() + "/result?exitCode=0", Files.writeString(home.resolve("r2"), "r"),
                Map.of(), ResultReceipt.class);
        assertThat(alice.get("/api/v1/works/" + work, WorkView.class).status()).isEqualTo(WorkStatus.COMPLETED);
        // The other request, still waiting, gets the work submitted now.
        CompletableFuture<WorkResponse> waiting = requests.stream().filter(r -> !r.isDone()).findFirst().orElseThrow();
        String second = alice.post("/api/v1/works", new WorkSubmit(ApiServer.APP, List.of(), null, null, null), WorkView.class).uid();
        Assignment other = waiting.get(60, TimeUnit.SECONDS).assignment();
        assertThat(other.workUid()).isEqualTo(second);
    }
}
