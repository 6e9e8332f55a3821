package xtremweb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.Assignment;
import xtremweb.common.wire.ResultBatch;
import xtremweb.common.wire.ResultBatchReceipt;
import xtremweb.common.wire.TaskResult;
import xtremweb.common.wire.WorkRequest;
import xtremweb.common.wire.WorkResponse;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.common.wire.WorkView;

/**
 * A malicious volunteer against {@code POST /api/v1/worker/results} (protocol 3), over real HTTPS,
 * on the database the subclass names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ResultBatchAttacksApiContract {
    @TempDir
    static Path home;
    private ApiServer api;
    private XwHttpClient admin;

    abstract Map<String, String> databaseConfig() throws Exception;

    abstract void dropDatabase() throws Exception;

    @BeforeAll
    void start() throws Exception {
        Map<String, String> keys = new java.util.HashMap<>(databaseConfig());
        // A host declaring 1 CPU holds at most 4 tasks.
        keys.put("host.maxTasks", "4");
        api = ApiServer.start(home, keys);
        admin = api.loggedIn("admin");
    }

    @AfterAll
    void stop() throws Exception {
        if (api != null) {
            api.close();
        }
        dropDatabase();
    }

    private String submit() {
        return admin.post("/api/v1/works", new WorkSubmit(ApiServer.APP, List.of(), null, null, null), WorkView.class).uid();
    }

    private WorkView work(String uid) {
        return admin.get("/api/v1/works/" + uid, WorkView.class);
    }

    private static TaskResult resultOf(String taskUid, int exitCode, byte[] zip) throws Exception {
        return new TaskResult(taskUid, exitCode, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip)), zip);
    }

    private long storedFiles() throws Exception {
        try (Stream<Path> files = Files.walk(home)) {
            return files.filter(Files::isRegularFile).filter(p -> p.toString().contains("/data/")).count();
        }
    }

    @Test
    void aTaskNamedTwiceInOtherCapitalsRefusesTheBatchWholeAndItsCapitalsAloneAreTheTask() throws Exception {
        XwHttpClient worker = api.host(api.register("capitals", 1));
        submit();
        Assignment task = worker.post("/api/v1/worker/workrequest", new WorkRequest(0, 1), WorkResponse.class).assignment();
        byte[] zip = "PK\u0005\u0006 result".getBytes(StandardCharsets.UTF_8);
        String upper = task.taskUid().toUpperCase(Locale.ROOT);
        long stored = storedFiles();

        // Before: on MariaDB both results were recorded side by side, one refused 409 by chance; on
        // H2 the one in capitals was 404. Either way the batch passed for one naming each task once.
        assertThatThrownBy(() -> worker.post("/api/v1/worker/results", new ResultBatch(List.of(resultOf(upper, 1, zip),
                resultOf(task.taskUid(), 2, zip)), null), ResultBatchReceipt.class))
                .isInstanceOfSatisfying(XwApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("results[0] and results[1] name the same task");
                });
        assertThat(work(task.workUid()).status()).isEqualTo(WorkStatus.RUNNING);
        assertThat(storedFiles()).isEqualTo(stored);

        // Named in capitals alone, it is the task, on every database (H2 answered 404).
        ResultBatchReceipt receipt = worker.post("/api/v1/worker/results", new ResultBatch(List.of(resultOf(upper, 3, zip)), null),
                ResultBatchReceipt.class);
        assertThat(receipt.receipts().get(0).problem()).isNull();
        assertThat(receipt.receipts().get(0).taskUid()).isEqualTo(upper);
        assertThat(work(task.workUid()).exitCode()).isEqualTo(3);
        assertThat(storedFiles()).isEqualTo(stored + 1);
    }

    @Test
    void aHostAtItsCapGetsAsManyNextWorksAsTheResultsItReturned() throws Exception {
        XwHttpClient worker = api.host(api.register("capped", 1));
        for (int i = 0; i < 8; i++) {
            submit();
        }
        List<Assignment> held = worker.post("/api/v1/worker/workrequest", new WorkRequest(0, 64), WorkResponse.class).all();
        assertThat(held).as("host.maxTasks").hasSize(4);
        byte[] zip = "PK\u0005\u0006 result".getBytes(StandardCharsets.UTF_8);
        List<TaskResult> results = new ArrayList<>();
        for (Assignment a : held) {
            results.add(resultOf(a.taskUid(), 0, zip));
        }

        ResultBatchReceipt receipt = worker.post("/api/v1/worker/results", new ResultBatch(results, 4), ResultBatchReceipt.class);

        assertThat(receipt.receipts()).allSatisfy(r -> assertThat(r.problem()).isNull());
        // Before: 1, the claim counting only the result that carried it as ended.
        List<Assignment> next = receipt.next().all();
        assertThat(next).hasSize(4);
        assertThat(receipt.next().assignment()).isEqualTo(next.get(0));
        assertThat(next).allSatisfy(a -> assertThat(work(a.workUid()).status()).isEqualTo(WorkStatus.RUNNING));
        // And no more than the cap: the host holds 4 again, and the next request gets nothing.
        submit();
        assertThat(worker.post("/api/v1/worker/workrequest", new WorkRequest(0, 64), WorkResponse.class).all()).isEmpty();
        for (Assignment a : next) {
            worker.post("/api/v1/worker/results", new ResultBatch(List.of(resultOf(a.taskUid(), 0, zip)), null), ResultBatchReceipt.class);
        }
        assertThat(worker.post("/api/v1/worker/workrequest", new WorkRequest(0, 64), WorkResponse.class).all()).hasSize(1);
    }

    @Test
    void aBatchRacingALoneUploadOfTheSameTaskRecordsOneResultAndLeavesNoFileBehind() throws Exception {
        XwHttpClient worker = api.host(api.register("racer", 4));
        byte[] zip = "PK\u0005\u0006 result".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(home.resolve("race.zip"), zip);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                submit();
                Assignment task = worker.post("/api/v1/worker/workrequest", new WorkRequest(0, 1), WorkResponse.class).assignment();
                long stored = storedFiles();
                var start = new java.util.concurrent.CountDownLatch(1);
                var lone = pool.submit(() -> {
                    start.await();
                    try {
                        return worker.upload("/api/v1/worker/tasks/" + task.taskUid() + "/result?exitCode=1", file, Map.of(),
                                xtremweb.common.wire.ResultReceipt.class).result().uid();
                    } catch (XwApiException e) {
                        assertThat(e.status()).isEqualTo(409);
                        return null;
                    }
                });
                var batch = pool.submit(() -> {
                    start.await();
                    var r = worker.post("/api/v1/worker/results", new ResultBatch(List.of(resultOf(task.taskUid(), 2, zip)), 1),
                            ResultBatchReceipt.class);
                    var one = r.receipts().get(0);
                    assertThat(one.problem() == null || one.problem().status() == 409).as("%s", one.problem()).isTrue();
                    return one.result() == null ? null : one.result().uid();
                });
                start.countDown();
                String byLone = lone.get(30, java.util.concurrent.TimeUnit.SECONDS);
                String byBatch = batch.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(byLone == null ^ byBatch == null).as("exactly one recorded: %s %s", byLone, byBatch).isTrue();
                WorkView done = work(task.workUid());
                assertThat(done.status()).isEqualTo(WorkStatus.COMPLETED);
                assertThat(done.resultDataUid()).isEqualTo(byLone != null ? byLone : byBatch);
                assertThat(done.exitCode()).isEqualTo(byLone != null ? 1 : 2);
                assertThat(storedFiles()).as("the loser's file is deleted").isEqualTo(stored + 1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
