package xtremweb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The walking skeleton's promise: from the bin/ scripts, 50 jobs with distinct arguments and
 * standard inputs run on real worker processes, one speaking worker protocol 1 and one the newest (3),
 * and every result comes back byte for byte.
 */
class GridRunsJobsEndToEndTest {
    private static final int JOBS = 50;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"h2", "mariadb"})
    void fiftyJobsRunOnRealWorkersAndEveryResultComesBackByteForByte(String database) throws Exception {
        assumeTrue(database.equals("h2") || Deployment.mariaDbUrl() != null,
                "MariaDB tests run when XW_TEST_MARIADB_URL is set (CI sets it)");
        // The server migrates its MariaDB database itself here (the other tests get one already migrated).
        try (Deployment grid = Deployment.create(tmp, database).onEmptyDatabase()) {
            grid.startServer();
            Path admin = grid.adminConfig();
            // Both worker protocols against the same server: workers of a volunteer grid are
            // upgraded long after it, and an old one must keep working beside a new one.
            Daemon old = grid.startWorker("worker1", 2, grid.credential("worker.login"), grid.credential("worker.password"),
                    "worker.protocol: 1");
            Daemon current = grid.startWorker("worker2", 2);
            assertThat(old.output()).contains("worker protocol 1)");
            assertThat(current.output()).contains("worker protocol 3)");

            Command.Result app = grid.client(admin, "xwsendapp",
                    List.of("apptest", System.getProperty("os.arch"), "linux", Deployment.SOURCE_ROOT.resolve("apptest/target/apptest").toString()));
            assertThat(app.exitCode()).as(app.describe()).isZero();

            Random random = new Random(42);
            List<byte[]> inputs = new ArrayList<>();
            List<List<String>> arguments = new ArrayList<>();
            List<Future<String>> submissions = new ArrayList<>();
            ExecutorService submitters = Executors.newFixedThreadPool(4);
            for (int i = 0; i < JOBS; i++) {
                byte[] input = new byte[1 + random.nextInt(20_000)];
                random.nextBytes(input);
                Path stdin = tmp.resolve("stdin-" + i);
                Files.write(stdin, input);
                inputs.add(input);
                // Spaces, quotes and a shell metacharacter must reach the binary unchanged.
                List<String> args = List.of("job " + i, "-n", String.valueOf(1 + i % 3), "it's \"quoted\" $HOME");
                arguments.add(args);
                boolean redirect = i % 2 == 0;
                List<String> line = new ArrayList<>(List.of("--xwlabel", "e2e-" + i));
                if (!redirect) {
                    line.addAll(List.of("--xwstdin", stdin.toString()));
                }
                line.add("apptest");
                line.addAll(args);
                submissions.add(submitters.submit(() -> {
                    Command.Result sent = grid.client(admin, "xwsendwork", line, redirect ? stdin : null);
                    assertThat(sent.exitCode()).as(sent.describe()).isZero();
                    return sent.stdout().trim();
                }));
            }
            List<String> works = new ArrayList<>();
            for (Future<String> submission : submissions) {
                works.add(submission.get());
            }
            submitters.shutdown();
            assertThat(works).doesNotHaveDuplicates().allMatch(uid -> uid.matches("[0-9a-f-]{36}"));

            Path out = tmp.resolve("results");
            List<String> resultArgs = new ArrayList<>(List.of("--xwwait", "600", "--xwnoerase", "--xwout", out.toString()));
            resultArgs.addAll(works);
            Command.Result results = grid.client(admin, "xwresult", resultArgs);
            assertThat(results.exitCode()).as(results.describe()).isZero();

            for (int i = 0; i < JOBS; i++) {
                Path dir = out.resolve(works.get(i));
                StringBuilder header = new StringBuilder("apptest args:");
                arguments.get(i).forEach(a -> header.append(" [").append(a).append(']'));
                byte[] expected = concat((header + "\n").getBytes(StandardCharsets.UTF_8), inputs.get(i));
                assertThat(Files.readAllBytes(dir.resolve("stdout.txt"))).as("stdout of job %d", i).isEqualTo(expected);
                assertThat(Files.readAllBytes(dir.resolve("apptest.out"))).as("result file of job %d", i).isEqualTo(expected);
                assertThat(Files.size(dir.resolve("apptest.n.out"))).as("-n file of job %d", i).isEqualTo(1024L * (1 + i % 3));
                assertThat(Files.readString(dir.resolve("stderr.txt"))).contains("apptest: done");
            }

            Command.Result listing = grid.client(admin, "xwworks", List.of("--xwformat", "json"));
            assertThat(listing.exitCode()).as(listing.describe()).isZero();
            JsonNode listed = new ObjectMapper().readTree(listing.stdout());
            List<String> completed = new ArrayList<>();
            listed.forEach(w -> {
                if (works.contains(w.get("uid").asText())) {
                    assertThat(w.get("status").asText()).isEqualTo("COMPLETED");
                    assertThat(w.get("exitCode").asInt()).isZero();
                    completed.add(w.get("uid").asText());
                }
            });
            assertThat(completed).hasSize(JOBS);
            assertThat(old.output()).as("the protocol-1 worker ran jobs").contains("completed with exit code 0");
            assertThat(current.output()).as("the protocol-2 worker ran jobs").contains("completed with exit code 0");
            assertThat(grid.server().isAlive()).isTrue();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
