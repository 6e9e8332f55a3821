package xtremweb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xtremweb.common.http.PinnedTrust;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.AppCreate;
import xtremweb.common.wire.AppView;
import xtremweb.common.wire.DataCreate;
import xtremweb.common.wire.DataView;
import xtremweb.common.wire.LoginRequest;
import xtremweb.common.wire.TokenResponse;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.common.wire.WorkView;

/**
 * Worker protocol 3 on a real grid: a real worker process of 4 slots, whose jobs end close
 * together, returns its small results through {@code POST /api/v1/worker/results} (the server's
 * access log shows no lone result upload), and every work is COMPLETED. The app and the works go in
 * through the API, not bin/ commands: two JVMs fewer keep the test within seconds.
 */
class BatchedResultsEndToEndTest {
    private static final int JOBS = 8;

    @TempDir
    Path tmp;

    @Test
    void aFourSlotWorkerReturnsItsResultsInBatchesAndEveryWorkCompletes() throws Exception {
        try (Deployment grid = Deployment.create(tmp, "h2")) {
            long started = System.nanoTime();
            grid.startServer();
            XwHttpClient admin = admin(grid);
            byte[] binary = Files.readAllBytes(Deployment.SOURCE_ROOT.resolve("apptest/target/apptest"));
            String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(binary));
            DataView data = admin.post("/api/v1/datas", new DataCreate("apptest", null, null, null, (long) binary.length, sha, null),
                    DataView.class);
            admin.upload("/api/v1/datas/" + data.uid() + "/content", Files.write(tmp.resolve("apptest.upload"), binary), Map.of(),
                    DataView.class);
            admin.post("/api/v1/apps", new AppCreate("apptest", System.getProperty("os.arch"), "linux", data.uid()), AppView.class);
            // Pending before the worker asks: its 4 slots claim 4 in one request, and their jobs (1 s each) end together.
            List<String> works = new ArrayList<>();
            for (int i = 1; i <= JOBS; i++) {
                works.add(admin.post("/api/v1/works", new WorkSubmit("apptest", List.of("-s", "1", "point-" + i), "point-" + i,
                        null, null), WorkView.class).uid());
            }

            Daemon worker = grid.startWorker("worker1", 4);
            assertThat(worker.output()).contains("worker protocol 3)");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!works.stream().allMatch(uid -> admin.get("/api/v1/works/" + uid, WorkView.class).status() == WorkStatus.COMPLETED)) {
                assertThat(System.nanoTime()).as("every work COMPLETED in time").isLessThan(deadline);
                Thread.sleep(200);
            }

            List<String> access = Files.readAllLines(grid.dir().resolve("server/logs/access.log"));
            List<String> batches = access.stream().filter(l -> l.contains("\"POST /api/v1/worker/results ")).toList();
            assertThat(batches).as("results sent in batches").isNotEmpty().allMatch(l -> l.contains("\" 200 "));
            assertThat(access).as("no result uploaded alone").noneMatch(l -> l.matches(".*\"PUT /api/v1/worker/tasks/\\S+/result.*"));
            System.out.printf("batched results: %d results in %d exchange(s); the test's grid took %.1f s%n", JOBS, batches.size(),
                    (System.nanoTime() - started) / 1e9);
        }
    }

    private static XwHttpClient admin(Deployment grid) {
        XwHttpClient admin = new XwHttpClient(XwHttpClient.serverUri("localhost", grid.port()),
                PinnedTrust.readPem(Path.of(grid.credential("server.certificate"))));
        admin.token(admin.post("/api/v1/login", new LoginRequest(grid.credential("admin.login"), grid.credential("admin.password")),
                TokenResponse.class).token());
        return admin;
    }
}
