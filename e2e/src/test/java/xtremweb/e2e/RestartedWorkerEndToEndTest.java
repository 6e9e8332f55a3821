package xtremweb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.http.PinnedTrust;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.model.TaskStatus;
import xtremweb.common.wire.AppCreate;
import xtremweb.common.wire.AppView;
import xtremweb.common.wire.DataCreate;
import xtremweb.common.wire.DataView;
import xtremweb.common.wire.LoginRequest;
import xtremweb.common.wire.TaskView;
import xtremweb.common.wire.TokenResponse;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.common.wire.WorkView;

/**
 * A worker killed with SIGKILL and started again at once on the same home (its host identity kept)
 * gives back at once what its earlier run held on the server, instead of the works waiting out
 * their leases. Leases here last 90 s (alive.period=30), so a reaped task would end after its lease.
 */
class RestartedWorkerEndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void aWorkerKilledAndStartedAgainOnItsHomeGivesBackWhatItsEarlierRunHeldAtOnce() throws Exception {
        try (Deployment grid = Deployment.create(tmp, "h2")) {
            grid.startServer("alive.period=30");
            XwHttpClient admin = new XwHttpClient(XwHttpClient.serverUri("localhost", grid.port()),
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

            Daemon first = grid.startWorker("reborn", 1);
            String host = hostUid(grid);
            WorkView work = admin.post("/api/v1/works", new WorkSubmit("apptest", List.of("-s", "600"), "long", null, null),
                    WorkView.class);
            Awaitility.await("the work running on the worker").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .until(() -> running(admin, work.uid()) != null);
            TaskView held = running(admin, work.uid());
            assertThat(held.hostUid()).isEqualTo(host);

            first.kill();
            Daemon again = grid.startWorker("reborn", 1);
            Awaitility.await("the earlier run's task given back").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                    .until(() -> task(admin, held.uid()).status() != TaskStatus.RUNNING);
            TaskView given = task(admin, held.uid());
            assertThat(given.ended()).as("given back before its lease ran out, not reaped after it").isBefore(given.leaseExpires());
            assertThat(again.output()).contains("an earlier run of this host left its identity");
            assertThat(hostUid(grid)).as("the same host").isEqualTo(host);
            // And the work runs again on the restarted worker.
            Awaitility.await("the work running again").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .until(() -> running(admin, work.uid()) != null);
            admin.delete("/api/v1/works/" + work.uid());
        }
    }

    private static List<TaskView> tasks(XwHttpClient admin) {
        return admin.get("/api/v1/tasks", new TypeReference<List<TaskView>>() { });
    }

    private static TaskView running(XwHttpClient admin, String workUid) {
        return tasks(admin).stream().filter(t -> t.workUid().equals(workUid) && t.status() == TaskStatus.RUNNING).findFirst()
                .orElse(null);
    }

    private static TaskView task(XwHttpClient admin, String taskUid) {
        return tasks(admin).stream().filter(t -> t.uid().equals(taskUid)).findFirst().orElseThrow();
    }

    private static String hostUid(Deployment grid) throws Exception {
        Properties identity = new Properties();
        try (var reader = Files.newBufferedReader(grid.dir().resolve("reborn").resolve("host.properties"))) {
            identity.load(reader);
        }
        return identity.getProperty("hostUid");
    }
}
