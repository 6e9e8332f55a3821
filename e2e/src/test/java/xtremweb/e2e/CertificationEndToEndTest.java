package xtremweb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.http.PinnedTrust;
import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.model.UserRights;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.HostCredential;
import xtremweb.common.wire.HostRegistration;
import xtremweb.common.wire.LoginRequest;
import xtremweb.common.wire.TaskReport;
import xtremweb.common.wire.TaskView;
import xtremweb.common.wire.TokenResponse;
import xtremweb.common.wire.UserCreate;
import xtremweb.common.wire.UserView;
import xtremweb.common.wire.WorkRequest;
import xtremweb.common.wire.WorkResponse;
import xtremweb.common.wire.WorkView;

/**
 * Issue 14's acceptance with real processes: an app inserted with {@code xwsendapp --xwquorum 2},
 * works submitted with {@code xwsendwork --xwparams}, two honest workers (real worker processes
 * under two volunteers' accounts) and a cheater: a third volunteer's account that registers its own
 * host and, through the same HTTP API, takes as many copies as it can and uploads forged results.
 * Every work completes, no forged result is ever canonical (the owner's results are the app's true
 * output), every copy the cheater returned is INVALID or was never needed, and the copies per work
 * are printed. 60 works by default (under three minutes here); {@code -Dcertification.works=1000}
 * runs the thousand, which {@code bin/xwbench-certification} does with its figures.
 */
class CertificationEndToEndTest {
    private static final int WORKS = Integer.getInteger("certification.works", 60);
    private static final Duration LIMIT = Duration.ofMinutes(Long.getLong("certification.minutes", 2));
    // The benchmark's baselines: -Dcertification.quorum=1 (computed once, as without certification;
    // no cheater then, whose results would be taken) and -Dcertification.cheater=false.
    private static final int QUORUM = Integer.getInteger("certification.quorum", 2);
    // -Dcertification.adaptive=true: the app's policy has adaptive trust (xwsendapp --xwadaptive).
    private static final boolean ADAPTIVE = Boolean.getBoolean("certification.adaptive");
    private static final boolean CHEATER = QUORUM > 1 && Boolean.parseBoolean(System.getProperty("certification.cheater", "true"));

    @TempDir
    Path tmp;

    @Test
    void aCheatersForgedResultsAreNeverCanonicalAndOwnersGetOnlyCertifiedResults() throws Exception {
        try (Deployment grid = Deployment.create(tmp, "h2")) {
            grid.startServer();
            Path pem = Path.of(grid.credential("server.certificate"));
            XwHttpClient admin = login(grid, pem, grid.credential("admin.login"), grid.credential("admin.password"));
            for (String volunteer : List.of("honest1", "honest2", "cheater")) {
                admin.post("/api/v1/users", new UserCreate(volunteer, volunteer + "-pw-123", null, UserRights.WORKER_USER, null,
                        null), UserView.class);
            }
            Path adminConf = grid.adminConfig();
            List<String> appLine = new ArrayList<>(List.of("--xwquorum", String.valueOf(QUORUM)));
            if (ADAPTIVE) {
                appLine.add("--xwadaptive");
            }
            appLine.addAll(List.of("apptest", System.getProperty("os.arch"), "linux",
                    Deployment.SOURCE_ROOT.resolve("apptest/target/apptest").toString()));
            Command.Result app = grid.client(adminConf, "xwsendapp", appLine);
            assertThat(app.exitCode()).as(app.describe()).isZero();
            grid.startWorker("honest1", 2, "honest1", "honest1-pw-123");
            grid.startWorker("honest2", 2, "honest2", "honest2-pw-123");

            XwHttpClient cheaterAccount = login(grid, pem, "cheater", "cheater-pw-123");
            HostCredential credential = cheaterAccount.post("/api/v1/worker/register",
                    new HostRegistration(null, "cheater-box", "linux", System.getProperty("os.arch"), 8, 1L << 33, "21"),
                    HostCredential.class);
            XwHttpClient cheaterHost = new XwHttpClient(admin.base(), PinnedTrust.readPem(pem));
            cheaterHost.token(credential.hostToken());
            AtomicBoolean cheating = new AtomicBoolean(true);
            AtomicInteger forged = new AtomicInteger();
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<?> cheater = pool.submit(() -> {
                while (CHEATER && cheating.get()) {
                    cheatOnce(cheaterHost, tmp, forged);
                }
                return null;
            });

            Path params = tmp.resolve("points.txt");
            List<String> lines = new ArrayList<>();
            for (int i = 1; i <= WORKS; i++) {
                lines.add("point-" + i);
            }
            Files.write(params, lines);
            long started = System.nanoTime();
            Command.Result sent = grid.client(adminConf, "xwsendwork", List.of("--xwparams", params.toString(), "apptest"));
            assertThat(sent.exitCode()).as(sent.describe()).isZero();
            List<String> uids = sent.stdout().lines().toList();
            assertThat(uids).hasSize(WORKS);

            Map<String, WorkView> works = awaitAllEnded(admin, uids, started);
            cheating.set(false);
            cheater.get(1, TimeUnit.MINUTES);
            pool.shutdown();
            assertThat(works.values()).allSatisfy(w -> assertThat(w.status()).as(w.uid() + " " + w.errorMessage())
                    .isEqualTo(WorkStatus.COMPLETED));

            // The owner's results are the app's true output, work by work: nothing forged came through.
            for (int i = 1; i <= WORKS; i++) {
                WorkView work = works.get(uids.get(i - 1));
                Path zip = tmp.resolve("result-" + i + ".zip");
                admin.download("/api/v1/datas/" + work.resultDataUid() + "/content", zip);
                assertThat(stdout(zip)).isEqualTo("apptest args: [point-" + i + "]\n");
            }

            List<TaskView> tasks = admin.get("/api/v1/tasks", new TypeReference<List<TaskView>>() { });
            List<TaskView> ours = tasks.stream().filter(t -> works.containsKey(t.workUid())).toList();
            List<TaskView> cheaters = ours.stream().filter(t -> t.hostUid().equals(credential.hostUid())).toList();
            Map<String, Long> copies = ours.stream().collect(Collectors.groupingBy(TaskView::workUid, Collectors.counting()));
            double seconds = (System.nanoTime() - started) / 1e9;
            if (ADAPTIVE) {
                // Copies per work over the second half of the run (submission order): after the warm-up.
                long late = uids.subList(WORKS / 2, WORKS).stream().mapToLong(u -> copies.getOrDefault(u, 0L)).sum();
                System.out.printf("certification: adaptive trust: %.3f copies per work over works %d-%d (after the warm-up)%n",
                        late / (double) (WORKS - WORKS / 2), WORKS / 2 + 1, WORKS);
            }
            System.out.printf("certification: %d works with quorum %d%s certified in %.1f s (%.1f works/s); %d tasks, %.2f copies"
                            + " per work; the cheater took %d copies, forged %d results, %d of them INVALID, none canonical%n",
                    WORKS, QUORUM, (ADAPTIVE ? " (adaptive trust)" : "") + (CHEATER ? " and a cheater" : ", honest hosts only"), seconds, WORKS / seconds, ours.size(),
                    ours.size() / (double) WORKS, cheaters.size(), forged.get(),
                    cheaters.stream().filter(t -> "INVALID".equals(t.verdict())).count());
            if (CHEATER) {
                assertThat(cheaters).as("copies the cheater took").isNotEmpty();
                assertThat(cheaters).extracting(TaskView::verdict).doesNotContain("VALID");
            }
            if (QUORUM > 1) {
                assertThat(ours).filteredOn(t -> !t.hostUid().equals(credential.hostUid()))
                        .extracting(TaskView::verdict).contains("VALID").doesNotContain("INVALID");
                assertThat(copies.values()).allSatisfy(n -> assertThat(n).isBetween(ADAPTIVE ? 1L : QUORUM, (long) QUORUM + 2));
            }
            assertThat(grid.server().isAlive()).isTrue();
        }
    }

    /** The cheater's turn: take a copy, compute nothing, upload a forged result and report it done. */
    private static void cheatOnce(XwHttpClient host, Path dir, AtomicInteger forged) throws IOException {
        WorkResponse response = host.postWaiting("/api/v1/worker/workrequest", new WorkRequest(2), WorkResponse.class,
                Duration.ofSeconds(5));
        if (response.assignment() == null) {
            return;
        }
        String task = response.assignment().taskUid();
        Path zip = dir.resolve("forged-" + task + ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("stdout.txt"));
            out.write(("apptest args: [forged by the cheater]\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        try {
            host.upload("/api/v1/worker/tasks/" + task + "/result", zip, Map.of(), Object.class);
            host.postNoContent("/api/v1/worker/tasks/" + task + "/status", new TaskReport(WorkStatus.COMPLETED, 0, null));
            forged.incrementAndGet();
        } catch (XwApiException e) {
            // 409: the work was certified meanwhile and the copy withdrawn; the cheater just moves on.
            if (e.status() != 409) {
                throw e;
            }
        }
    }

    private static Map<String, WorkView> awaitAllEnded(XwHttpClient admin, List<String> uids, long started) {
        Duration limit = LIMIT.plusMillis(uids.size() * 200L).minusNanos(System.nanoTime() - started);
        long[] reported = {-1};
        // A listing of this grid's works is a few milliseconds: read it often rather than sleep seconds between reads.
        Map<String, WorkView> works = Awaitility.await("all works ended").atMost(limit.isNegative() ? Duration.ZERO : limit)
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
                .until(() -> ended(admin, uids), seen -> {
                    long ended = seen.values().stream()
                            .filter(w -> w.status() == WorkStatus.COMPLETED || w.status() == WorkStatus.ERROR).count();
                    if (ended != reported[0]) {
                        reported[0] = ended;
                        System.out.printf("certification: %d of %d works ended after %.0f s%n", ended, uids.size(),
                                (System.nanoTime() - started) / 1e9);
                    }
                    return ended == uids.size();
                });
        assertThat(works.keySet()).containsExactlyInAnyOrderElementsOf(uids);
        return works;
    }

    private static Map<String, WorkView> ended(XwHttpClient admin, List<String> uids) throws Exception {
        return admin.get("/api/v1/works", new TypeReference<List<WorkView>>() { }).stream()
                .filter(w -> uids.contains(w.uid())).collect(Collectors.toMap(WorkView::uid, Function.identity()));
    }

    private static String stdout(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            ZipEntry entry = file.getEntry("stdout.txt");
            assertThat(entry).as("stdout.txt in " + zip).isNotNull();
            try (InputStream in = file.getInputStream(entry)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                return out.toString(StandardCharsets.UTF_8);
            }
        }
    }

    private static XwHttpClient login(Deployment grid, Path pem, String login, String password) {
        XwHttpClient client = new XwHttpClient(XwHttpClient.serverUri("localhost", grid.port()), PinnedTrust.readPem(pem));
        client.token(client.post("/api/v1/login", new LoginRequest(login, password), TokenResponse.class).token());
        return client;
    }
}
