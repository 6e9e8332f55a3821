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
import xtremweb.common.wire.ResultReceipt;
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
    void registrationOffersProtocol2() {
        assertThat(register("offer").serverProtocol()).isEqualTo(WorkerProtocol.V2);
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
