package xtremweb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.Assignment;
import xtremweb.common.wire.Heartbeat;
import xtremweb.common.wire.HeartbeatReply;
import xtremweb.common.wire.ResultReceipt;
import xtremweb.common.wire.WorkRequest;
import xtremweb.common.wire.WorkResponse;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.common.wire.WorkView;

/**
 * A volunteer that hoards works, against the real server over real HTTPS, on the database the
 * subclass names: a host declaring one CPU asked for 64 works again and again and got every work
 * of the queue, and kept them for ever by sending heartbeats without returning a result. Now it
 * holds no more than {@code host.maxTasks} at once (and still gets the next work when it returns
 * one), and a task that runs longer than {@code task.timeout} is taken back despite the heartbeats.
 */
abstract class HoardingApiContract {
    @TempDir
    Path home;
    private ApiServer api;

    abstract Map<String, String> databaseConfig() throws Exception;

    abstract void dropDatabase() throws Exception;

    private XwHttpClient start(Map<String, String> keys) throws Exception {
        Map<String, String> all = new HashMap<>(databaseConfig());
        all.putAll(keys);
        api = ApiServer.start(home, all);
        return api.loggedIn("admin");
    }

    @AfterEach
    void stop() throws Exception {
        if (api != null) {
            api.close();
        }
        dropDatabase();
    }

    private static String submit(XwHttpClient admin) {
        return admin.post("/api/v1/works", new WorkSubmit(ApiServer.APP, List.of(), null, null, null), WorkView.class).uid();
    }

    private Path resultZip() throws Exception {
        return Files.write(home.resolve("result.zip"), "PK\u0005\u0006 result".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aHostAtItsCapGetsNoNewWorkUntilItReturnsOne() throws Exception {
        XwHttpClient admin = start(Map.of("host.maxTasks", "4"));
        for (int i = 0; i < 10; i++) {
            submit(admin);
        }
        XwHttpClient hoarder = api.host(api.register("hoarder", 1));
        List<Assignment> held = new ArrayList<>(hoarder.post("/api/v1/worker/workrequest", new WorkRequest(0, 64),
                WorkResponse.class).all());
        assertThat(held).as("one request claims up to the cap").hasSize(4);
        for (int i = 0; i < 3; i++) {
            // At its cap: an ordinary answer with no work (as if the queue were empty), not an error.
            WorkResponse more = hoarder.post("/api/v1/worker/workrequest", new WorkRequest(0, 64), WorkResponse.class);
            assertThat(more.all()).isEmpty();
            assertThat(more.retryAfterSeconds()).isPositive();
            assertThat(hoarder.post("/api/v1/worker/heartbeat", new Heartbeat(held.stream().map(Assignment::taskUid).toList()),
                    HeartbeatReply.class).cancelTaskUids()).isEmpty();
        }
        // The works it could not take are another host's (4 CPUs: a cap of 8).
        XwHttpClient honest = api.host(api.register("honest", 4));
        assertThat(honest.post("/api/v1/worker/workrequest", new WorkRequest(0, 64), WorkResponse.class).all())
                .hasSize(6);
        submit(admin);
        submit(admin);

        // Returning a result frees its slot: the same exchange claims the next work (a busy worker's path).
        ResultReceipt receipt = hoarder.upload("/api/v1/worker/tasks/" + held.get(0).taskUid() + "/result?exitCode=0&next=64",
                resultZip(), Map.of(), ResultReceipt.class);
        assertThat(receipt.next().all()).hasSize(1);
        assertThat(hoarder.post("/api/v1/worker/workrequest", new WorkRequest(0, 64), WorkResponse.class).all()).isEmpty();
    }

    @Test
    void aTaskPastItsWallClockLimitIsTakenBackThoughItsHostSendsHeartbeats() throws Exception {
        // Lease of 15 s (alive period 5 s); limit 2 s: only task.timeout can take the task back within the test.
        XwHttpClient admin = start(Map.of("task.timeout", "2"));
        String work = submit(admin);
        XwHttpClient hoarder = api.host(api.register("keeper", 1));
        Assignment task = hoarder.post("/api/v1/worker/workrequest", new WorkRequest(0, 1), WorkResponse.class).assignment();
        assertThat(task.workUid()).isEqualTo(work);

        Awaitility.await().atMost(Duration.ofSeconds(12)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            HeartbeatReply reply = hoarder.post("/api/v1/worker/heartbeat", new Heartbeat(List.of(task.taskUid())),
                    HeartbeatReply.class);
            assertThat(reply.cancelTaskUids()).containsExactly(task.taskUid());
        });
        WorkView back = admin.get("/api/v1/works/" + work, WorkView.class);
        assertThat(back.status()).isEqualTo(WorkStatus.PENDING);
        assertThat(back.retries()).isEqualTo(1);
        assertThatThrownBy(() -> hoarder.upload("/api/v1/worker/tasks/" + task.taskUid() + "/result?exitCode=0", resultZip(),
                Map.of(), ResultReceipt.class)).isInstanceOfSatisfying(XwApiException.class, e -> assertThat(e.status()).isEqualTo(409));
    }
}
