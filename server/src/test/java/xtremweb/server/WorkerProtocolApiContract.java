package xtremweb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.Assignment;
import xtremweb.common.wire.DataView;
import xtremweb.common.wire.HostCredential;
import xtremweb.common.wire.ResultBatch;
import xtremweb.common.wire.ResultBatchReceipt;
import xtremweb.common.wire.ResultReceipt;
import xtremweb.common.wire.TaskResult;
import xtremweb.common.wire.TaskResultReceipt;
import xtremweb.common.wire.TaskReport;
import xtremweb.common.wire.TaskView;
import xtremweb.common.wire.WorkRequest;
import xtremweb.common.wire.WorkResponse;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.common.wire.WorkView;
import xtremweb.common.wire.WorkerProtocol;

/**
 * Both worker protocols against the same new server over real HTTPS, on the database the subclass
 * names: a protocol-1 worker (one work per request, result upload then COMPLETED report, the JSON
 * it has always sent) keeps working, and a protocol-2 worker claims several works in one request,
 * ends a task with one call (result and exit code) and gets its next works in that same exchange.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WorkerProtocolApiContract {
    @TempDir
    static Path home;
    private ApiServer api;
    private XwHttpClient admin;
    private Path resultZip;

    abstract Map<String, String> databaseConfig() throws Exception;

    abstract void dropDatabase() throws Exception;

    @BeforeAll
    void start() throws Exception {
        api = ApiServer.start(home, databaseConfig());
        admin = api.loggedIn("admin");
        // Any bytes do as a result: the server stores them as the work's result data.
        resultZip = Files.write(home.resolve("result.zip"), "PK\u0005\u0006 result".getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    void stop() throws Exception {
        if (api != null) {
            api.close();
        }
        dropDatabase();
    }

    private XwHttpClient loggedIn(String who) {
        return api.loggedIn(who);
    }

    private XwHttpClient host(HostCredential credential) {
        return api.host(credential);
    }

    private HostCredential register(String name) {
        return api.register(name, 4);
    }

    private String submit() {
        return admin.post("/api/v1/works", new WorkSubmit("true", List.of(), null, null, null), WorkView.class).uid();
    }

    private WorkView work(String uid) {
        return admin.get("/api/v1/works/" + uid, WorkView.class);
    }

    private List<TaskView> tasksOf(String workUid) {
        return admin.get("/api/v1/tasks", new com.fasterxml.jackson.core.type.TypeReference<List<TaskView>>() { }).stream()
                .filter(t -> t.workUid().equals(workUid)).toList();
    }

    @Test
    void registrationOffersProtocol3() {
        assertThat(register("offer").serverProtocol()).isEqualTo(WorkerProtocol.V3);
    }

    private TaskResult resultOf(Assignment task, int exitCode, byte[] zip) throws Exception {
        return new TaskResult(task.taskUid(), exitCode, java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(zip)), zip);
    }

    @Test
    void aProtocol3WorkerReturnsSeveralResultsAndGetsItsNextWorksInOneExchange() throws Exception {
        XwHttpClient worker = host(register("v3-worker"));
        List<String> submitted = List.of(submit(), submit(), submit(), submit(), submit());
        List<Assignment> claimed = worker.post("/api/v1/worker/workrequest", new WorkRequest(0, 4), WorkResponse.class).all();
        assertThat(claimed).hasSize(4);
        byte[] zip = Files.readAllBytes(resultZip);
        List<TaskResult> results = new ArrayList<>();
        for (int i = 0; i < claimed.size(); i++) {
            results.add(resultOf(claimed.get(i), i, zip));
        }

        ResultBatchReceipt receipt = worker.post("/api/v1/worker/results", new ResultBatch(results, 4), ResultBatchReceipt.class);

        assertThat(receipt.receipts()).extracting(TaskResultReceipt::taskUid)
                .containsExactlyElementsOf(claimed.stream().map(Assignment::taskUid).toList());
        for (int i = 0; i < claimed.size(); i++) {
            TaskResultReceipt one = receipt.receipts().get(i);
            assertThat(one.problem()).isNull();
            WorkView done = work(claimed.get(i).workUid());
            assertThat(done.status()).isEqualTo(WorkStatus.COMPLETED);
            assertThat(done.exitCode()).isEqualTo(i);
            assertThat(done.resultDataUid()).isEqualTo(one.result().uid());
            assertThat(one.result().size()).isEqualTo(zip.length);
            assertThat(tasksOf(claimed.get(i).workUid())).extracting(t -> t.status().name()).containsExactly("DONE");
            // The result is the bytes sent, readable by the work's owner.
            Path fetched = home.resolve("fetched-" + i + ".zip");
            admin.download("/api/v1/datas/" + one.result().uid() + "/content", fetched);
            assertThat(Files.readAllBytes(fetched)).isEqualTo(zip);
        }
        // The fifth work came back in the same exchange, claimed for this host.
        assertThat(receipt.next().all()).extracting(Assignment::workUid).containsExactly(submitted.stream()
                .filter(uid -> claimed.stream().noneMatch(a -> a.workUid().equals(uid))).findFirst().orElseThrow());
        assertThat(work(receipt.next().all().get(0).workUid()).status()).isEqualTo(WorkStatus.RUNNING);
    }

    @Test
    void aBatchAnswersEachResultOnItsOwnAndRefusesNoneForAnother() throws Exception {
        XwHttpClient worker = host(register("v3-mixed"));
        XwHttpClient other = host(register("v3-other"));
        String mine1 = submit();
        String mine2 = submit();
        List<Assignment> claimed = worker.post("/api/v1/worker/workrequest", new WorkRequest(0, 2), WorkResponse.class).all();
        submit();
        Assignment othersTask = other.post("/api/v1/worker/workrequest", new WorkRequest(0, 1), WorkResponse.class).assignment();
        String queued = submit();
        byte[] zip = Files.readAllBytes(resultZip);
        Assignment ended = claimed.get(0);
        Assignment good = claimed.get(1);
        assertThat(List.of(ended.workUid(), good.workUid())).containsExactlyInAnyOrder(mine1, mine2);
        worker.upload("/api/v1/worker/tasks/" + ended.taskUid() + "/result?exitCode=0", resultZip, Map.of(), ResultReceipt.class);
        TaskResult badSum = new TaskResult(good.taskUid(), 0, "00".repeat(32), zip);

        // Refused results first (the first one carries the claim in the lone path): each gets the
        // answer its own upload would have had, and the good one is recorded all the same.
        ResultBatchReceipt receipt = worker.post("/api/v1/worker/results", new ResultBatch(List.of(
                resultOf(ended, 0, zip), resultOf(othersTask, 0, zip),
                new TaskResult("no-such-task", 0, null, zip), badSum), 1), ResultBatchReceipt.class);
        assertThat(receipt.receipts()).extracting(r -> r.problem() == null ? 200 : r.problem().status())
                .containsExactly(409, 403, 404, 422);
        assertThat(receipt.receipts().get(3).problem().code()).isEqualTo("checksum-mismatch");
        assertThat(receipt.receipts()).allSatisfy(r -> assertThat(r.result()).isNull());
        // The host's slot was free all the same: the queued work was claimed in the same exchange.
        assertThat(receipt.next().all()).extracting(Assignment::workUid).containsExactly(queued);
        // Nothing was recorded for the others' task or the bad checksum; both still run.
        assertThat(work(othersTask.workUid()).status()).isEqualTo(WorkStatus.RUNNING);
        assertThat(work(good.workUid()).status()).isEqualTo(WorkStatus.RUNNING);

        ResultBatchReceipt again = worker.post("/api/v1/worker/results", new ResultBatch(List.of(resultOf(good, 7, zip)), null),
                ResultBatchReceipt.class);
        assertThat(again.receipts().get(0).recorded()).isTrue();
        assertThat(again.next()).isNull();
        assertThat(work(good.workUid()).exitCode()).isEqualTo(7);
    }

    @Test
    void aBatchOfGoodResultsEndsTheHostsRunOfFailures() throws Exception {
        XwHttpClient worker = host(register("v3-failures"));
        for (int i = 0; i < 5; i++) {
            submit();
        }
        List<Assignment> claimed = worker.post("/api/v1/worker/workrequest", new WorkRequest(0, 5), WorkResponse.class).all();
        assertThat(claimed).hasSize(5);
        byte[] zip = Files.readAllBytes(resultZip);
        // Two failures in a row; a third would bench the host (Bench.AFTER).
        for (Assignment failed : claimed.subList(0, 2)) {
            worker.postNoContent("/api/v1/worker/tasks/" + failed.taskUid() + "/status", TaskReport.error("broken library"));
        }
        ResultBatchReceipt receipt = worker.post("/api/v1/worker/results", new ResultBatch(List.of(
                resultOf(claimed.get(2), 0, zip), resultOf(claimed.get(3), 0, zip)), null), ResultBatchReceipt.class);
        assertThat(receipt.receipts()).allSatisfy(r -> assertThat(r.recorded()).isTrue());
        // The good results ended the run: one more failure does not bench the host, it still gets work.
        worker.postNoContent("/api/v1/worker/tasks/" + claimed.get(4).taskUid() + "/status", TaskReport.error("broken library"));
        String more = submit();
        assertThat(worker.post("/api/v1/worker/workrequest", new WorkRequest(0, 1), WorkResponse.class).all())
                .extracting(Assignment::workUid).containsExactly(more);
    }

    @Test
    void aMalformedBatchIsRefusedWholeAndChangesNothing() throws Exception {
        XwHttpClient worker = host(register("v3-bad"));
        submit();
        Assignment task = worker.post("/api/v1/worker/workrequest", new WorkRequest(0, 1), WorkResponse.class).assignment();
        byte[] zip = Files.readAllBytes(resultZip);
        String sha = resultOf(task, 0, zip).sha256();
        Map<String, Object> item = Map.of("taskUid", task.taskUid(), "exitCode", 0, "sha256", sha,
                "zip", java.util.Base64.getEncoder().encodeToString(zip));
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("results", List.of()), Map.of("results", List.of(item, item)),
                Map.of("results", List.of(item), "next", 0), Map.of("results", List.of(Map.of("taskUid", task.taskUid()))),
                Map.of("results", List.of(Map.of("taskUid", task.taskUid(), "exitCode", 0,
                        "zip", java.util.Base64.getEncoder().encodeToString(new byte[ResultBatch.MAX_RESULT_BYTES + 1])))))) {
            assertThatThrownBy(() -> worker.post("/api/v1/worker/results", bad, ResultBatchReceipt.class))
                    .as("%s", bad.keySet())
                    .isInstanceOfSatisfying(XwApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
        // A user's token is no host's: refused whole.
        assertThatThrownBy(() -> admin.post("/api/v1/worker/results", Map.of("results", List.of(item)), ResultBatchReceipt.class))
                .isInstanceOfSatisfying(XwApiException.class, e -> assertThat(e.status()).isIn(401, 403));
        assertThat(work(task.workUid()).status()).isEqualTo(WorkStatus.RUNNING);
        assertThat(worker.post("/api/v1/worker/results", Map.of("results", List.of(item)), ResultBatchReceipt.class)
                .receipts().get(0).recorded()).isTrue();
        assertThat(work(task.workUid()).status()).isEqualTo(WorkStatus.COMPLETED);
    }

    @Test
    void aProtocol1WorkerKeepsWorking() {
        XwHttpClient worker = host(register("v1-worker"));
        String a = submit();
        String b = submit();
        // Exactly what a protocol-1 worker sends: no slots, so one work and no list in the answer.
        Map<String, Object> raw = worker.post("/api/v1/worker/workrequest", Map.of("waitSeconds", 0),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
        assertThat(raw).containsKey("assignment").doesNotContainKey("assignments");
        WorkResponse response = worker.post("/api/v1/worker/workrequest", new WorkRequest(0), WorkResponse.class);
        Assignment first = xtremweb.common.json.Json.mapper().convertValue(raw.get("assignment"), Assignment.class);
        assertThat(List.of(first.workUid(), response.assignment().workUid())).containsExactlyInAnyOrder(a, b);

        for (Assignment task : List.of(first, response.assignment())) {
            DataView result = worker.upload("/api/v1/worker/tasks/" + task.taskUid() + "/result", resultZip, Map.of(), DataView.class);
            assertThat(result.size()).isEqualTo(resultZip.toFile().length());
            assertThat(work(task.workUid()).status()).isEqualTo(WorkStatus.DATAREQUEST);
            worker.postNoContent("/api/v1/worker/tasks/" + task.taskUid() + "/status", new TaskReport(WorkStatus.COMPLETED, 0, null));
            WorkView done = work(task.workUid());
            assertThat(done.status()).isEqualTo(WorkStatus.COMPLETED);
            assertThat(done.resultDataUid()).isEqualTo(result.uid());
        }
    }

    @Test
    void aProtocol2WorkerClaimsSeveralAndEndsEachTaskInOneCall() throws Exception {
        XwHttpClient worker = host(register("v2-worker"));
        Set<String> submitted = new java.util.HashSet<>(List.of(submit(), submit(), submit()));
        WorkResponse claimed = worker.post("/api/v1/worker/workrequest", new WorkRequest(0, 2), WorkResponse.class);
        assertThat(claimed.all()).hasSize(2);
        assertThat(claimed.assignment()).isEqualTo(claimed.all().get(0));

        Assignment first = claimed.all().get(0);
        ResultReceipt receipt = worker.upload("/api/v1/worker/tasks/" + first.taskUid() + "/result?exitCode=3&next=2", resultZip,
                Map.of(), ResultReceipt.class);
        // The upload was the report: COMPLETED with its exit code, the task over.
        WorkView done = work(first.workUid());
        assertThat(done.status()).isEqualTo(WorkStatus.COMPLETED);
        assertThat(done.exitCode()).isEqualTo(3);
        assertThat(done.resultDataUid()).isEqualTo(receipt.result().uid());
        assertThat(tasksOf(first.workUid())).extracting(t -> t.status().name()).containsExactly("DONE");
        // The same exchange brought the one work left, claimed for this host.
        assertThat(receipt.next().all()).hasSize(1);
        List<Assignment> all = new ArrayList<>(claimed.all());
        all.addAll(receipt.next().all());
        assertThat(all.stream().map(Assignment::workUid).collect(Collectors.toSet())).isEqualTo(submitted);

        // Nothing left: the next exchange brings an empty list, the work is still recorded.
        Assignment second = claimed.all().get(1);
        ResultReceipt last = worker.upload("/api/v1/worker/tasks/" + second.taskUid() + "/result?exitCode=0&next=1", resultZip,
                Map.of(), ResultReceipt.class);
        assertThat(last.next().all()).isEmpty();
        assertThat(work(second.workUid()).status()).isEqualTo(WorkStatus.COMPLETED);

        // A task already ended takes neither a second result nor a report.
        assertThatThrownBy(() -> worker.upload("/api/v1/worker/tasks/" + second.taskUid() + "/result?exitCode=0", resultZip,
                Map.of(), ResultReceipt.class)).isInstanceOfSatisfying(XwApiException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThatThrownBy(() -> worker.postNoContent("/api/v1/worker/tasks/" + second.taskUid() + "/status",
                new TaskReport(WorkStatus.COMPLETED, 0, null)))
                .isInstanceOfSatisfying(XwApiException.class, e -> assertThat(e.status()).isEqualTo(409));

        // The third, without asking for more: the answer carries no next.
        Assignment third = receipt.next().all().get(0);
        ResultReceipt alone = worker.upload("/api/v1/worker/tasks/" + third.taskUid() + "/result?exitCode=0", resultZip,
                Map.of(), ResultReceipt.class);
        assertThat(alone.next()).isNull();
        assertThat(work(third.workUid()).status()).isEqualTo(WorkStatus.COMPLETED);
    }

    @Test
    void aClientWaitingForAWorkIsAnsweredWhenItEndsNotAtTheNextPoll() throws Exception {
        XwHttpClient worker = host(register("long-poll"));
        String uid = submit();
        // Not ended: held for the whole wait, then answered as it is.
        long t0 = System.nanoTime();
        assertThat(admin.getWaiting("/api/v1/works/" + uid + "?waitSeconds=1", WorkView.class, java.time.Duration.ofSeconds(1)).status())
                .isEqualTo(WorkStatus.PENDING);
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(java.time.Duration.ofMillis(900));

        var waiting = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                admin.getWaiting("/api/v1/works/" + uid + "?waitSeconds=30", WorkView.class, java.time.Duration.ofSeconds(30)));
        Assignment task = worker.post("/api/v1/worker/workrequest", new WorkRequest(0, 1), WorkResponse.class).assignment();
        Thread.sleep(300);
        assertThat(waiting).as("still held while the work runs").isNotDone();
        worker.upload("/api/v1/worker/tasks/" + task.taskUid() + "/result?exitCode=0", resultZip, Map.of(), ResultReceipt.class);
        long ended = System.nanoTime();
        WorkView seen = waiting.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(seen.status()).isEqualTo(WorkStatus.COMPLETED);
        // A waiter that only looked again every second would be late by half a second on average.
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - ended)).as("answered at the end's commit, not a look later")
                .isLessThan(java.time.Duration.ofMillis(400));
        assertThatThrownBy(() -> admin.get("/api/v1/works/" + uid + "?waitSeconds=soon", WorkView.class))
                .isInstanceOfSatisfying(XwApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("waitSeconds=soon");
                });        // Longer than the cap is shortened like any other wait, however many digits it has (it was "not a whole number").
        assertThat(admin.get("/api/v1/works/" + uid + "?waitSeconds=99999999999", WorkView.class).status())
                .isEqualTo(WorkStatus.COMPLETED);
    }

    @Test
    void malformedProtocol2ParametersAreRefusedByName() {
        XwHttpClient worker = host(register("v2-bad"));
        submit();
        Assignment task = worker.post("/api/v1/worker/workrequest", new WorkRequest(0, 1), WorkResponse.class).assignment();
        assertThatThrownBy(() -> worker.upload("/api/v1/worker/tasks/" + task.taskUid() + "/result?next=2", resultZip, Map.of(),
                ResultReceipt.class)).isInstanceOfSatisfying(XwApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("exitCode");
                });
        assertThatThrownBy(() -> worker.upload("/api/v1/worker/tasks/" + task.taskUid() + "/result?exitCode=0&next=65", resultZip,
                Map.of(), ResultReceipt.class)).isInstanceOfSatisfying(XwApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("next=65");
                });
        assertThatThrownBy(() -> worker.post("/api/v1/worker/workrequest", Map.of("waitSeconds", 0, "slots", 0), WorkResponse.class))
                .isInstanceOfSatisfying(XwApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        // The task is still the host's: a well-formed upload ends it.
        worker.upload("/api/v1/worker/tasks/" + task.taskUid() + "/result?exitCode=0", resultZip, Map.of(), ResultReceipt.class);
        assertThat(work(task.workUid()).status()).isEqualTo(WorkStatus.COMPLETED);
    }
}
