package xtremweb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.http.PinnedTrust;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.model.TaskStatus;
import xtremweb.common.model.UserRights;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.AppCreate;
import xtremweb.common.wire.AppView;
import xtremweb.common.wire.DataCreate;
import xtremweb.common.wire.DataView;
import xtremweb.common.wire.LoginRequest;
import xtremweb.common.wire.TaskView;
import xtremweb.common.wire.TokenResponse;
import xtremweb.common.wire.UserCreate;
import xtremweb.common.wire.UserView;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.common.wire.WorkView;

/**
 * Workers that leave, as real processes started by bin/xtremweb.worker: one stopped (SIGTERM, as
 * the stop script sends), one killed (SIGKILL) and one switched off with bin/xwactivate while they
 * wait for work never get a work, and the live one runs everything without a retry spent; a worker
 * started outside its activator.date window runs nothing; a worker whose account is deleted says so
 * once and exits with code 3.
 */
class DepartingWorkersEndToEndTest {
    @TempDir
    static Path tmp;
    static Deployment grid;
    static XwHttpClient admin;

    @BeforeAll
    static void startGrid() throws Exception {
        grid = Deployment.create(tmp, "h2");
        grid.startServer();
        admin = new XwHttpClient(XwHttpClient.serverUri("localhost", grid.port()),
                PinnedTrust.readPem(Path.of(grid.credential("server.certificate"))));
        admin.token(admin.post("/api/v1/login", new LoginRequest(grid.credential("admin.login"), grid.credential("admin.password")),
                TokenResponse.class).token());
        byte[] binary = Files.readAllBytes(Deployment.SOURCE_ROOT.resolve("apptest/target/apptest"));
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(binary));
        DataView data = admin.post("/api/v1/datas", new DataCreate("apptest", null, null, null, (long) binary.length, sha, null),
                DataView.class);
        admin.upload("/api/v1/datas/" + data.uid() + "/content", Files.write(tmp.resolve("apptest.upload"), binary), Map.of(),
                DataView.class);
        admin.post("/api/v1/apps", new AppCreate("apptest", System.getProperty("os.arch"), "linux", data.uid()), AppView.class);
    }

    @AfterAll
    static void stopGrid() throws Exception {
        if (grid != null) {
            grid.close();
        }
    }

    private static String hostUid(String workerName) throws IOException {
        Properties identity = new Properties();
        try (var reader = Files.newBufferedReader(grid.dir().resolve(workerName).resolve("host.properties"))) {
            identity.load(reader);
        }
        return identity.getProperty("hostUid");
    }

    private static WorkView submit(String label) {
        return admin.post("/api/v1/works", new WorkSubmit("apptest", List.of(label), label, null, null), WorkView.class);
    }

    private static WorkView work(String uid) {
        return admin.get("/api/v1/works/" + uid, WorkView.class);
    }

    private static List<TaskView> tasks() {
        return admin.get("/api/v1/tasks", new TypeReference<List<TaskView>>() { });
    }

    @Test
    void aStoppedAKilledAndASwitchedOffWorkerGetNoWorkAndTheLiveOneRunsItAll() throws Exception {
        Daemon live = grid.startWorker("live", 1);
        Daemon stopped = grid.startWorker("stopped", 1);
        Daemon killed = grid.startWorker("killed", 1);
        Daemon off = grid.startWorker("off", 1);
        List<String> departed = List.of(hostUid("stopped"), hostUid("killed"), hostUid("off"));
        try {
            // Idle, the three wait in their long poll (or in the short pause between two).
            stopped.stop();
            killed.kill();
            Command.Result activate = grid.client(grid.adminConfig(), "xwactivate", List.of("off", hostUid("off")));
            assertThat(activate.exitCode()).as("%s", activate).isZero();

            List<WorkView> works = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                works.add(submit("departure-" + i));
            }
            Awaitility.await("all works completed").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .until(() -> works.stream().allMatch(w -> work(w.uid()).status() == WorkStatus.COMPLETED));

            List<String> uids = works.stream().map(WorkView::uid).toList();
            List<TaskView> theirs = tasks().stream().filter(t -> uids.contains(t.workUid())).toList();
            assertThat(theirs).as("one task per work, all on the live host, none lost").hasSize(works.size())
                    .allSatisfy(t -> {
                        assertThat(t.hostUid()).isEqualTo(hostUid("live")).isNotIn(departed);
                        assertThat(t.status()).isEqualTo(TaskStatus.DONE);
                    });
            assertThat(uids).allSatisfy(uid -> assertThat(work(uid).retries()).isZero());
            TaskView first = theirs.stream().filter(t -> t.workUid().equals(works.get(0).uid())).findFirst().orElseThrow();
            System.out.printf("first work started on the live host %d ms after its submission%n",
                    Duration.between(works.get(0).submitted(), first.started()).toMillis());
            assertThat(stopped.output()).contains("the server was told and re-queues their works now");
        } finally {
            live.stop();
            off.stop();
        }
    }

    @Test
    void aWorkerStartedOutsideItsWindowRunsNothing() throws Exception {
        WorkView pending = submit("outside-the-window");
        // A window three hours from now: whatever the time, the worker starts outside it.
        int hour = (LocalTime.now().getHour() + 3) % 24;
        Daemon outside = grid.startWorker("outside", 1, grid.credential("worker.login"), grid.credential("worker.password"),
                "activator.class: DateActivator\nactivator.date: * " + hour + "\nactivator.period: 500");
        try {
            Awaitility.await("the work stays pending").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(250)).until(() -> work(pending.uid()).status() == WorkStatus.PENDING);
            assertThat(outside.output()).contains("does not allow computing now").doesNotContain(" started: work ");
            assertThat(tasks()).noneMatch(t -> t.workUid().equals(pending.uid()));
        } finally {
            outside.stop();
            admin.delete("/api/v1/works/" + pending.uid());
        }
    }

    @Test
    void aWorkerWhoseAccountWasDeletedSaysSoOnceAndExitsWithCode3() throws Exception {
        admin.post("/api/v1/users", new UserCreate("volunteer-7", "Correct-horse-battery-7", null, UserRights.WORKER_USER, null),
                UserView.class);
        Daemon worker = grid.startWorker("volunteer", 1, "volunteer-7", "Correct-horse-battery-7");

        admin.delete("/api/v1/users/volunteer-7");

        int exit = worker.awaitExit(Duration.ofSeconds(90));
        String output = worker.output();
        assertThat(exit).as(output).isEqualTo(3);
        List<String> refusals = output.lines().filter(l -> l.contains("refuses login")).toList();
        assertThat(refusals).as(output).singleElement().satisfies(line -> assertThat(line)
                .contains("ERROR", "'volunteer-7'", "https://localhost:" + grid.port(), "volunteer.conf", "exit code 3"));
        assertThat(output).doesNotContain("retrying");
    }
}
