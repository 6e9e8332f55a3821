package xtremweb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.http.ContentsReader;
import xtremweb.common.http.PinnedTrust;
import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.model.UserRights;
import xtremweb.common.model.WorkStatus;
import xtremweb.server.work.WorkEnds;
import xtremweb.common.wire.Assignment;
import xtremweb.common.wire.ResultReceipt;
import xtremweb.common.wire.RightsChange;
import xtremweb.common.wire.UserCreate;
import xtremweb.common.wire.UserView;
import xtremweb.common.wire.DataContents;
import xtremweb.common.wire.DataCreate;
import xtremweb.common.wire.DataView;
import xtremweb.common.wire.WorkAwait;
import xtremweb.common.wire.WorkRequest;
import xtremweb.common.wire.WorkResponse;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.common.wire.WorkView;
import xtremweb.server.metrics.PrometheusText;

/**
 * {@code POST /api/v1/works/await} over real HTTPS on the database the subclass names: one long poll
 * answers as soon as any of many works has ended, tells no more than {@code GET /works/{uid}} would,
 * and leaves nobody registered as waiting once answered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WorkAwaitApiContract {
    private static final String PASSWORD = "a long enough password";
    @TempDir
    static Path home;
    private ApiServer api;
    private XwHttpClient admin;
    private XwHttpClient alice;
    private XwHttpClient bob;
    private XwHttpClient worker;

    abstract Map<String, String> databaseConfig() throws Exception;

    abstract void dropDatabase() throws Exception;

    /** A connection to the server's database, as another server sharing it has. */
    abstract java.sql.Connection anotherServersConnection(Path home) throws Exception;

    @BeforeAll
    void start() throws Exception {
        api = ApiServer.start(home, databaseConfig());
        admin = api.loggedIn("admin");
        for (String who : List.of("alice", "bob")) {
            admin.post("/api/v1/users", new UserCreate(who, PASSWORD, null, UserRights.STANDARD_USER, null), UserView.class);
        }
        alice = api.loggedIn("alice", PASSWORD);
        bob = api.loggedIn("bob", PASSWORD);
        worker = api.host(api.register("awaited", 4));
    }

    @AfterAll
    void stop() throws Exception {
        if (api != null) {
            api.close();
        }
        dropDatabase();
    }

    @AfterEach
    void nobodyIsLeftWaiting() throws Exception {
        assertThat(awaited()).as("works still registered as awaited after the calls returned").isZero();
    }

    private String submit(XwHttpClient who) {
        return who.post("/api/v1/works", new WorkSubmit("true", List.of(), null, null, null), WorkView.class).uid();
    }

    /** Has the worker run pending works until it has ended {@code uid} (others on the way end too). */
    private void complete(String uid) {
        for (int i = 0; i < 100; i++) {
            Assignment task = worker.post("/api/v1/worker/workrequest", new WorkRequest(5, 1), WorkResponse.class).assignment();
            assertThat(task).as("a pending work for the worker").isNotNull();
            // Each result its own bytes, so a content fetched can be told from another's.
            Path result;
            try {
                result = Files.write(home.resolve("result-" + task.taskUid()), resultOf(task.workUid()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            worker.upload("/api/v1/worker/tasks/" + task.taskUid() + "/result?exitCode=0", result, Map.of(), ResultReceipt.class);
            if (task.workUid().equals(uid)) {
                return;
            }
        }
        throw new AssertionError("work " + uid + " was never given to the worker");
    }

    private static byte[] resultOf(String workUid) {
        return ("PK\u0005\u0006 result of " + workUid).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code POST /datas/contents}: each content as read, by data UID, in the answer's order. */
    private static Map<String, byte[]> contents(XwHttpClient who, List<String> uids) {
        Map<String, byte[]> read = new java.util.LinkedHashMap<>();
        who.postStreaming("/api/v1/datas/contents", new DataContents(uids), in -> {
            ContentsReader.read(in, uids.stream().map(u -> u.toLowerCase(java.util.Locale.ROOT)).distinct().toList(),
                    new ContentsReader.Sink() {
                        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

                        @Override
                        public java.io.OutputStream open(DataContents.Header header) {
                            bytes.reset();
                            return bytes;
                        }

                        @Override
                        public void done(DataContents.Header header) {
                            read.put(header.uid(), bytes.toByteArray());
                        }
                    });
            return null;
        });
        return read;
    }

    @Test
    void theResultsOfSeveralWorksComeInOneAnswerEachWhole() {
        List<String> works = List.of(submit(alice), submit(alice), submit(alice));
        works.forEach(this::complete);
        List<WorkView> ended = await(alice, works, 0);
        assertThat(ended).hasSize(3);
        Map<String, String> resultOfWork = new java.util.HashMap<>();
        ended.forEach(w -> resultOfWork.put(w.resultDataUid(), w.uid()));
        // Asked in another order, one in capitals and one twice: each once, in the order asked.
        List<String> asked = new java.util.ArrayList<>(resultOfWork.keySet());
        java.util.Collections.reverse(asked);
        asked.set(0, asked.get(0).toUpperCase(java.util.Locale.ROOT));
        asked.add(asked.get(1));
        Map<String, byte[]> read = contents(alice, asked);
        assertThat(read.keySet()).containsExactly(asked.get(0).toLowerCase(java.util.Locale.ROOT), asked.get(1), asked.get(2));
        read.forEach((data, bytes) -> assertThat(bytes).isEqualTo(resultOf(resultOfWork.get(data))));
    }

    @Test
    void contentsAreRefusedWholeForOneDataTheCallerMayNotRead() throws Exception {
        String mine = submit(alice);
        complete(mine);
        String myResult = alice.get("/api/v1/works/" + mine, WorkView.class).resultDataUid();
        byte[] secret = "bob's private bytes".getBytes(StandardCharsets.UTF_8);
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(secret));
        DataView bobs = bob.post("/api/v1/datas", new DataCreate("secret", null, null, null, (long) secret.length, sha, "0x700"),
                DataView.class);
        bob.upload("/api/v1/datas/" + bobs.uid() + "/content", Files.write(home.resolve("secret"), secret), Map.of(), DataView.class);
        // Answered as bob's own content download is answered to alice: not found, and nothing of
        // alice's own result is sent before the refusal.
        refused(() -> contents(alice, List.of(myResult, bobs.uid())), 404, "data-not-found", bobs.uid());
        assertThat(contents(bob, List.of(bobs.uid())).get(bobs.uid())).isEqualTo(secret);
    }

    @Test
    void contentsAreRefusedWholeForADataItsOwnerDeleted() throws Exception {
        List<String> kept = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            kept.add(uploaded(alice, "kept " + i));
        }
        String gone = uploaded(alice, "deleted");
        alice.delete("/api/v1/datas/" + gone);
        refused(() -> contents(alice, List.of(kept.get(0), gone, kept.get(1))), 404, "data-not-found", gone);
        // Found in one read of them all, each still under its own UID.
        Map<String, byte[]> read = contents(alice, kept);
        assertThat(read.keySet()).containsExactlyElementsOf(kept);
        for (int i = 0; i < 3; i++) {
            assertThat(new String(read.get(kept.get(i)), StandardCharsets.UTF_8)).isEqualTo("kept " + i);
        }
    }

    /** A data of {@code who} holding {@code text}, uploaded; its UID. */
    private String uploaded(XwHttpClient who, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        DataView data = who.post("/api/v1/datas", new DataCreate(text.replace(' ', '-'), null, null, null, (long) bytes.length, sha, "0x700"),
                DataView.class);
        who.upload("/api/v1/datas/" + data.uid() + "/content", Files.write(home.resolve(data.uid()), bytes), Map.of(), DataView.class);
        return data.uid();
    }

    @Test
    void malformedContentsRequestsAreRefusedByName() {
        refused(() -> contents(alice, List.of()), 400, "no-datas", "uids is empty");
        refused(() -> contents(alice, List.of("not-a-uid")), 400, "bad-uid", "uids[0]");
        List<String> tooMany = java.util.stream.IntStream.range(0, DataContents.MAX_DATAS + 1)
                .mapToObj(i -> java.util.UUID.randomUUID().toString()).toList();
        refused(() -> contents(alice, tooMany), 400, "too-many-datas", "1001");
    }

    private static List<WorkView> await(XwHttpClient who, List<String> uids, int seconds) {
        return List.of(who.postWaiting("/api/v1/works/await", new WorkAwait(uids, seconds), WorkView[].class,
                Duration.ofSeconds(seconds)));
    }

    private static void refused(Runnable call, int status, String code, String detail) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(XwApiException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(detail);
        });
    }

    /** The works clients wait for on the server now, as its metrics show them. */
    private double awaited() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(PinnedTrust.sslContext(PinnedTrust.readPem(api.server().certificateFile())))
                .build();
        String adminToken = api.token("admin");
        HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + api.server().port() + "/metrics"))
                .header("Authorization", "Bearer " + adminToken).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).as(scrape.body()).isEqualTo(200);
        return PrometheusText.parse(scrape.body()).value("xtremweb_works_awaited");
    }

    @Test
    void answersAtOnceWithTheWorksAlreadyEnded() {
        String ended = submit(alice);
        String pending = submit(alice);
        complete(ended);

        long t0 = System.nanoTime();
        List<WorkView> answer = await(alice, List.of(pending, ended), 30);

        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(answer).singleElement().satisfies(w -> {
            assertThat(w.uid()).isEqualTo(ended);
            assertThat(w.status()).isEqualTo(WorkStatus.COMPLETED);
            assertThat(w.resultDataUid()).isNotNull();
        });
    }

    @Test
    void wakesWhenOneOfTheWorksEndsMeanwhile() throws Exception {
        List<String> uids = List.of(submit(alice), submit(alice), submit(alice));
        var waiting = CompletableFuture.supplyAsync(() -> await(alice, uids, 30));
        org.awaitility.Awaitility.await("its works registered while it waits").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20)).until(() -> awaited() >= 3);
        assertThat(waiting).as("held while none has ended").isNotDone();

        complete(uids.get(0));
        long ended = System.nanoTime();
        List<WorkView> answer = waiting.get(10, TimeUnit.SECONDS);

        // Woken by the commit, not found at the next look a second later.
        assertThat(Duration.ofNanos(System.nanoTime() - ended)).isLessThan(Duration.ofMillis(700));
        assertThat(answer).extracting(WorkView::uid).contains(uids.get(0)).isSubsetOf(uids);
        assertThat(answer).allSatisfy(w -> assertThat(w.status().isFinal()).isTrue());
    }

    /**
     * Another server on the same database ends a work: no signal reaches this one, whose waiter
     * finds the end at its next look (within a second for a few works) and answers that work.
     */
    @Test
    void aWorkEndedByAnotherServerIsFoundAtTheNextLook() throws Exception {
        List<String> uids = List.of(submit(alice), submit(alice));
        var waiting = CompletableFuture.supplyAsync(() -> await(alice, uids, 30));
        org.awaitility.Awaitility.await("its works registered while it waits").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20)).until(() -> awaited() >= 2);
        try (java.sql.Connection c = anotherServersConnection(home);
             java.sql.PreparedStatement ps = c.prepareStatement("UPDATE works SET status = 'COMPLETED', exit_code = 0 WHERE uid = ?")) {
            ps.setString(1, uids.get(1));
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        long ended = System.nanoTime();
        List<WorkView> answer = waiting.get(10, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - ended)).isLessThan(WorkEnds.LOOK.plusMillis(900));
        assertThat(answer).extracting(WorkView::uid).containsExactly(uids.get(1));
        assertThat(answer.get(0).status()).isEqualTo(WorkStatus.COMPLETED);
    }

    @Test
    void answersNoWorkWhenNoneEndsWithinTheWait() {
        String pending = submit(alice);
        long t0 = System.nanoTime();

        assertThat(await(alice, List.of(pending), 1)).isEmpty();

        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(await(alice, List.of(pending), 0)).as("a wait of 0 only reads").isEmpty();
    }

    @Test
    void malformedRequestsAreRefusedByName() {
        String uid = submit(alice);
        List<String> tooMany = new ArrayList<>(Collections.nCopies(WorkAwait.MAX_WORKS, uid));
        tooMany.add(uid);
        refused(() -> await(alice, tooMany, 1), 400, "too-many-works", "10001 works");
        refused(() -> await(alice, List.of(uid, "not-a-uid"), 1), 400, "bad-uid", "uids[1] is 'not-a-uid'");
        refused(() -> await(alice, List.of(uid), -1), 400, "bad-waitSeconds", "waitSeconds=-1");
        refused(() -> await(alice, List.of(), 1), 400, "no-works", "uids is empty");
        refused(() -> alice.post("/api/v1/works/await", Map.of("uids", List.of(uid)), WorkView[].class), 400, "bad-request",
                "waitSeconds");
    }

    @Test
    void anotherUsersWorkIsNotFoundAsByAPlainRead() {
        String hers = submit(alice);
        complete(hers);
        // Private once ended (a private work runs on its owner's workers only).
        alice.put("/api/v1/works/" + hers + "/rights", new RightsChange("0x700"), WorkView.class);
        String his = submit(bob);
        refused(() -> bob.get("/api/v1/works/" + hers, WorkView.class), 404, "work-not-found", hers);

        // Her work has ended: an answer at once would tell him so. He gets the 404 a read gets.
        refused(() -> await(bob, List.of(his, hers), 5), 404, "work-not-found", "no work " + hers + " visible to you");
        String unknown = UUID.randomUUID().toString();
        refused(() -> await(bob, List.of(his, unknown), 5), 404, "work-not-found", unknown);
        assertThat(await(admin, List.of(hers), 5)).as("a SUPER_USER reads every work").extracting(WorkView::uid).containsExactly(hers);
    }

    @Test
    void uidsAreMatchedWhateverTheirCaseAndOnce() {
        String uid = submit(alice);
        complete(uid);

        assertThat(await(alice, List.of(uid.toUpperCase(java.util.Locale.ROOT), uid), 5)).extracting(WorkView::uid)
                .containsExactly(uid);
    }
}
