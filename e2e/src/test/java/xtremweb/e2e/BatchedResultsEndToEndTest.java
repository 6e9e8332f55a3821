package xtremweb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worker protocol 3 on a real grid: a worker of 4 slots, whose jobs end close together, returns its
 * small results through {@code POST /api/v1/worker/results} (the server's access log shows no lone
 * result upload), and every work is COMPLETED with its own result.
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
            Path admin = grid.adminConfig();
            Daemon worker = grid.startWorker("worker1", 4);
            assertThat(worker.output()).contains("worker protocol 3)");
            Command.Result app = grid.client(admin, "xwsendapp", List.of("apptest", System.getProperty("os.arch"), "linux",
                    Deployment.SOURCE_ROOT.resolve("apptest/target/apptest").toString()));
            assertThat(app.exitCode()).as(app.describe()).isZero();

            // One submission of 8 works: the 4 slots take them 4 at a time, and their jobs (1 s each) end together.
            Path params = tmp.resolve("params.txt");
            List<String> lines = new ArrayList<>();
            for (int i = 1; i <= JOBS; i++) {
                lines.add("-s 1 point-" + i);
            }
            Files.write(params, lines);
            Command.Result sent = grid.client(admin, "xwsendwork", List.of("--xwparams", params.toString(), "apptest"));
            assertThat(sent.exitCode()).as(sent.describe()).isZero();
            List<String> works = sent.stdout().lines().toList();
            assertThat(works).hasSize(JOBS);

            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (worker.output().lines().filter(l -> l.contains("completed with exit code 0")).count() < JOBS) {
                assertThat(System.nanoTime()).as("the worker completes the %d jobs", JOBS).isLessThan(deadline);
                Thread.sleep(100);
            }

            Command.Result completed = grid.client(admin, "xwworks", List.of("--xwstatus", "COMPLETED", "--xwformat", "csv"));
            assertThat(completed.exitCode()).as(completed.describe()).isZero();
            assertThat(works).allMatch(uid -> completed.stdout().contains(uid));
            List<String> access = Files.readAllLines(grid.dir().resolve("server/logs/access.log"));
            List<String> batches = access.stream().filter(l -> l.contains("\"POST /api/v1/worker/results ")).toList();
            assertThat(batches).as("results sent in batches").isNotEmpty().allMatch(l -> l.contains("\" 200 "));
            assertThat(access).as("no result uploaded alone").noneMatch(l -> l.matches(".*\"PUT /api/v1/worker/tasks/\\S+/result.*"));
            System.out.printf("batched results: %d results in %d exchange(s); the grid's test took %.1f s%n", JOBS, batches.size(),
                    (System.nanoTime() - started) / 1e9);
        }
    }
}
