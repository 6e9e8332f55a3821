package xtremweb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.http.PinnedTrust;
import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwConnectException;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.model.DataStatus;
import xtremweb.common.model.TaskStatus;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.AppCreate;
import xtremweb.common.wire.AppView;
import xtremweb.common.wire.DataCreate;
import xtremweb.common.wire.DataView;
import xtremweb.common.wire.HostCredential;
import xtremweb.common.wire.HostRegistration;
import xtremweb.common.wire.LoginRequest;
import xtremweb.common.wire.TaskReport;
import xtremweb.common.wire.TaskView;
import xtremweb.common.wire.TokenResponse;
import xtremweb.common.wire.WorkRequest;
import xtremweb.common.wire.WorkResponse;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.common.wire.WorkView;

/**
 * A 2xx is a promise, tested with a real server process killed with SIGKILL at random moments
 * (at least 20 times) while clients log in, upload data whole and in resumable pieces, submit
 * works, and simulated hosts run them and upload their results. After each restart what was
 * acknowledged before the kill is there; at the end every acknowledged object has its content
 * and SHA-256, no upload file is left, and every work completed exactly once.
 */
class CrashDurabilityEndToEndTest {
    private static final int KILLS = Integer.getInteger("xw.e2e.crashKills", 20);
    private static final int PLAIN_SIZE = 20_000;
    private static final int PIECE = 16_000;
    private static final int PIECES = 3;
    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path tmp;

    @Test
    void whatTheEmbeddedServerAnsweredSurvivesTwentySigkills() throws Exception {
        survivesKills("h2");
    }

    @Test
    void whatTheServerOnMariaDbAnsweredSurvivesTwentySigkills() throws Exception {
        assumeTrue(Deployment.mariaDbUrl() != null && !Deployment.mariaDbUrl().isBlank(), "XW_TEST_MARIADB_URL is not set");
        survivesKills("mariadb");
    }

    /** What the server acknowledged, as the clients saw it. */
    private static final class Acknowledged {
        final Set<String> tokens = ConcurrentHashMap.newKeySet();
        final Set<String> datas = ConcurrentHashMap.newKeySet();
        final Map<String, String> names = new ConcurrentHashMap<>();
        final Map<String, String> contents = new ConcurrentHashMap<>();
        final Map<String, Long> resumableOffsets = new ConcurrentHashMap<>();
        final Set<String> works = ConcurrentHashMap.newKeySet();
        final Map<String, String> results = new ConcurrentHashMap<>();
        final List<String> broken = Collections.synchronizedList(new ArrayList<>());
    }

    private void survivesKills(String kind) throws Exception {
        long started = System.nanoTime();
        try (Deployment grid = Deployment.create(tmp, kind)) {
            // Kills are not the hosts' fault: a work may be lost many times before it completes.
            grid.startServer("work.maxRetry=1000\ndata.housekeeping=1");
            Path pem = Path.of(grid.credential("server.certificate"));
            XwHttpClient admin = login(grid, pem, "admin");
            String binary = upload(admin, "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
            admin.post("/api/v1/apps", new AppCreate("crash", "x86_64", "Linux", binary), AppView.class);
            HttpClient raw = HttpClient.newBuilder().sslContext(PinnedTrust.sslContext(PinnedTrust.readPem(pem))).build();

            Acknowledged acked = new Acknowledged();
            AtomicBoolean submitting = new AtomicBoolean(true);
            AtomicBoolean hostsRun = new AtomicBoolean(true);
            ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
            clients.submit(loop(submitting, acked, () -> {
                acked.tokens.add(admin.post("/api/v1/login", new LoginRequest(grid.credential("admin.login"),
                        grid.credential("admin.password")), TokenResponse.class).token());
                pause(300);
            }));
            AtomicInteger seq = new AtomicInteger();
            clients.submit(loop(submitting, acked, () -> {
                plainUpload(admin, acked, seq.incrementAndGet());
                pause(100);
            }));
            clients.submit(loop(submitting, acked, () -> {
                resumableUpload(admin, raw, acked, seq.incrementAndGet());
                pause(100);
            }));
            clients.submit(loop(submitting, acked, () -> {
                acked.works.add(admin.post("/api/v1/works", new WorkSubmit("crash", List.of("job " + seq.incrementAndGet()),
                        null, null, null), WorkView.class).uid());
                pause(150);
            }));
            XwHttpClient workerUser = login(grid, pem, "worker");
            for (int h = 0; h < 2; h++) {
                HostCredential cred = workerUser.post("/api/v1/worker/register",
                        new HostRegistration(null, "crash-host-" + h, "Linux", "x86_64", 2, 1L << 30, "21"), HostCredential.class);
                XwHttpClient host = new XwHttpClient(admin.base(), PinnedTrust.readPem(pem));
                host.token(cred.hostToken());
                Path dir = Files.createDirectories(tmp.resolve("host-" + h));
                clients.submit(loop(hostsRun, acked, () -> runOneTask(host, dir, acked)));
            }

            try {
                killAndCheck(grid, admin, raw, acked);
            } finally {
                submitting.set(false);
            }
            XwHttpClient after = admin;
            try {
                Awaitility.await("every acknowledged work final").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                        .until(() -> works(after).values().stream().filter(w -> acked.works.contains(w.uid()))
                                .allMatch(w -> w.status().isFinal()));
            } finally {
                hostsRun.set(false);
                clients.shutdown();
            }
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).as("client loops stopped").isTrue();
            assertThat(acked.broken).as("promises broken during the run").isEmpty();

            verifyAll(admin, acked, grid);
            System.out.printf("crash durability on %s: %d SIGKILLs, %d logins, %d data (%d with content), %d works, %d results,"
                            + " %.1f s%n", kind, KILLS, acked.tokens.size(), acked.datas.size(), acked.contents.size(),
                    acked.works.size(), acked.results.size(), (System.nanoTime() - started) / 1e9);
        }
    }

    /** Kills the server at random moments; after each restart, checks what was acknowledged before that kill. */
    private static void killAndCheck(Deployment grid, XwHttpClient admin, HttpClient raw, Acknowledged acked) throws Exception {
        Random random = new Random();
        Snapshot checked = new Snapshot(Set.of(), Set.of(), Set.of(), Map.of());
        for (int kill = 1; kill <= KILLS; kill++) {
            Thread.sleep(200 + random.nextInt(900));
            Snapshot before = Snapshot.of(acked);
            grid.server().kill();
            long down = System.nanoTime();
            grid.restartServer();
            System.out.printf("kill %d: server back in %d ms%n", kill, (System.nanoTime() - down) / 1_000_000);
            verifyAfterRestart(admin, raw, before.since(checked), acked);
            checked = before;
        }
    }

    /** What was acknowledged at one moment (a copy). */
    private record Snapshot(Set<String> tokens, Set<String> datas, Set<String> works, Map<String, String> contents) {
        static Snapshot of(Acknowledged acked) {
            return new Snapshot(Set.copyOf(acked.tokens), Set.copyOf(acked.datas), Set.copyOf(acked.works), Map.copyOf(acked.contents));
        }

        Snapshot since(Snapshot earlier) {
            return new Snapshot(minus(tokens, earlier.tokens), minus(datas, earlier.datas), minus(works, earlier.works),
                    contents.entrySet().stream().filter(e -> !earlier.contents.containsKey(e.getKey()))
                            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        }

        private static Set<String> minus(Set<String> a, Set<String> b) {
            return a.stream().filter(x -> !b.contains(x)).collect(Collectors.toSet());
        }
    }

    /** Right after a restart: what was acknowledged since the previous kill is there. */
    private static void verifyAfterRestart(XwHttpClient admin, HttpClient raw, Snapshot fresh, Acknowledged acked)
            throws Exception {
        assertThat(acked.broken).as("promises broken during the run").isEmpty();
        for (String token : fresh.tokens()) {
            int status = raw.send(HttpRequest.newBuilder(admin.base().resolve("/api/v1/apps")).header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            assertThat(status).as("token acknowledged before the kill").isEqualTo(200);
        }
        for (String uid : fresh.datas()) {
            DataView data;
            try {
                data = retrying(() -> admin.get("/api/v1/datas/" + uid, DataView.class));
            } catch (XwApiException e) {
                throw new AssertionError("data " + acked.names.get(uid) + " (" + uid + ") acknowledged before the kill: " + e.getMessage()
                        + "; acknowledged pieces up to byte " + acked.resumableOffsets.get(uid), e);
            }
            if (fresh.contents().containsKey(uid)) {
                assertThat(data.status()).as("data %s whose content was acknowledged", uid).isEqualTo(DataStatus.AVAILABLE);
                assertThat(data.sha256()).isEqualTo(fresh.contents().get(uid));
            }
        }
        for (String uid : fresh.works()) {
            assertThat(retrying(() -> admin.get("/api/v1/works/" + uid, WorkView.class)).uid()).isEqualTo(uid);
        }
        assertThat(acked.broken).isEmpty();
    }

    private void verifyAll(XwHttpClient admin, Acknowledged acked, Deployment grid) throws Exception {
        Path data = grid.dir().resolve("server/data");
        // Housekeeping (every second here) removes what killed uploads left; nothing is uploading now.
        Awaitility.await("no upload file left").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    assertThat(files(data.resolve("tmp"))).as("data/tmp").isEmpty();
                    assertThat(files(data.resolve("partial"))).as("data/partial").isEmpty();
                });
        for (String uid : acked.datas) {
            assertThat(admin.get("/api/v1/datas/" + uid, DataView.class).uid()).isEqualTo(uid);
        }
        Map<String, String> everyContent = new java.util.HashMap<>(acked.contents);
        everyContent.putAll(acked.results);
        for (Map.Entry<String, String> content : everyContent.entrySet()) {
            Path file = tmp.resolve("check-" + content.getKey());
            admin.download("/api/v1/datas/" + content.getKey() + "/content", file);
            assertThat(sha256(Files.readAllBytes(file))).as("content of data %s", content.getKey()).isEqualTo(content.getValue());
        }
        Map<String, WorkView> works = works(admin);
        assertThat(works.keySet()).containsAll(acked.works);
        List<TaskView> tasks = admin.get("/api/v1/tasks", new TypeReference<List<TaskView>>() { });
        Map<String, Long> done = tasks.stream().filter(t -> t.status() == TaskStatus.DONE)
                .collect(Collectors.groupingBy(TaskView::workUid, Collectors.counting()));
        for (String uid : acked.works) {
            WorkView w = works.get(uid);
            assertThat(w.status()).as("work %s: %s", uid, w.errorMessage()).isEqualTo(WorkStatus.COMPLETED);
            assertThat(done.get(uid)).as("tasks of work %s that reported its end", uid).isEqualTo(1L);
            Path zip = tmp.resolve("result-" + uid + ".zip");
            admin.download("/api/v1/datas/" + w.resultDataUid() + "/content", zip);
            assertThat(entry(Files.readAllBytes(zip))).as("result of work %s", uid).isEqualTo("result of " + uid);
        }
        for (String token : acked.tokens) {
            XwHttpClient as = new XwHttpClient(admin.base(), PinnedTrust.readPem(Path.of(grid.credential("server.certificate"))));
            as.token(token);
            as.get("/api/v1/apps", new TypeReference<List<AppView>>() { });
        }
    }

    /** Creates a data, then sends its content whole until the server takes it, on the same uid across kills. */
    private void plainUpload(XwHttpClient admin, Acknowledged acked, int n) throws Exception {
        byte[] bytes = randomBytes(PLAIN_SIZE, n);
        String sha = sha256(bytes);
        String uid = admin.post("/api/v1/datas", new DataCreate("plain-" + n, null, null, null, (long) bytes.length, sha, null),
                DataView.class).uid();
        acked.names.put(uid, "plain-" + n);
        acked.datas.add(uid);
        Path file = Files.write(tmp.resolve("plain-" + n), bytes);
        for (int attempt = 0; ; attempt++) {
            try {
                DataView done = admin.upload("/api/v1/datas/" + uid + "/content", file, Map.of(), DataView.class);
                assertThat(done.sha256()).isEqualTo(sha);
                break;
            } catch (XwConnectException e) {
                pause(100);
            } catch (XwApiException e) {
                if (e.status() == 409 && isAvailable(admin, uid, sha)) {
                    break; // taken before the kill, answer lost
                }
                acked.broken.add("plain upload to data " + uid + " after a kill: " + e.status() + " " + e.getMessage());
                return;
            }
        }
        acked.contents.put(uid, sha);
    }

    /** Sends a data in pieces; after a kill asks where to resume, which is never before an acknowledged piece's end. */
    private void resumableUpload(XwHttpClient admin, HttpClient raw, Acknowledged acked, int n) throws Exception {
        byte[] bytes = randomBytes(PIECE * PIECES, n);
        String sha = sha256(bytes);
        String uid = admin.post("/api/v1/datas", new DataCreate("pieces-" + n, null, null, null, (long) bytes.length, sha, null),
                DataView.class).uid();
        acked.names.put(uid, "pieces-" + n);
        acked.datas.add(uid);
        long acknowledged = 0;
        long offset = 0;
        while (true) {
            long end = Math.min(bytes.length, (offset / PIECE + 1) * PIECE);
            long first = Math.min(offset, bytes.length - 1);
            try {
                HttpResponse<String> put = raw.send(HttpRequest.newBuilder(admin.base().resolve("/api/v1/datas/" + uid + "/content"))
                        .header("Authorization", "Bearer " + token(admin))
                        .header("Content-Range", "bytes " + first + "-" + (end - 1) + "/" + bytes.length)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes, (int) first, (int) (end - first))).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (put.statusCode() == 200) {
                    acknowledged = end;
                    acked.resumableOffsets.put(uid, acknowledged);
                    offset = end;
                    if (end == bytes.length) {
                        break;
                    }
                    continue;
                }
                if (put.statusCode() == 409 && isAvailable(admin, uid, sha)) {
                    break;
                }
                if (put.statusCode() != 409) {
                    acked.broken.add("piece of data " + uid + ": " + put.statusCode() + " " + put.body());
                    return;
                }
            } catch (IOException e) {
                pause(100);
            }
            long server = retrying(() -> admin.get("/api/v1/datas/" + uid + "/upload-offset", Offset.class)).offset();
            if (server < acknowledged) {
                acked.broken.add("data " + uid + " holds " + server + " bytes after a kill but " + acknowledged + " were acknowledged");
                return;
            }
            offset = server;
        }
        assertThat(admin.get("/api/v1/datas/" + uid, DataView.class).sha256()).isEqualTo(sha);
        acked.contents.put(uid, sha);
    }

    record Offset(long offset) {
    }

    /** One simulated host turn: ask for a task, upload its result, report it; a kill in between is retried, a 409 ends it. */
    private void runOneTask(XwHttpClient host, Path dir, Acknowledged acked) throws Exception {
        WorkResponse response = host.postWaiting("/api/v1/worker/workrequest", new WorkRequest(1), WorkResponse.class,
                Duration.ofSeconds(5));
        if (response.assignment() == null) {
            return;
        }
        String task = response.assignment().taskUid();
        Path zip = Files.write(dir.resolve(task + ".zip"), zip("result of " + response.assignment().workUid()));
        try {
            DataView result = retrying(() -> host.upload("/api/v1/worker/tasks/" + task + "/result", zip, Map.of(), DataView.class));
            acked.results.put(result.uid(), sha256(Files.readAllBytes(zip)));
        } catch (XwApiException e) {
            if (e.status() != 409) {
                throw e;
            }
            // Stored before a kill with its answer lost, or the task was given to another host: the report tells.
        }
        try {
            retrying(() -> {
                host.postNoContent("/api/v1/worker/tasks/" + task + "/status", new TaskReport(WorkStatus.COMPLETED, 0, null));
                return null;
            });
        } catch (XwApiException e) {
            if (e.status() != 409) {
                throw e;
            }
        }
    }

    /** Runs a client's step until told to stop; the server being down is expected, anything else is recorded. */
    private static Runnable loop(AtomicBoolean running, Acknowledged acked, Step step) {
        return () -> {
            while (running.get()) {
                try {
                    step.run();
                } catch (XwConnectException e) {
                    pause(100);
                } catch (Exception | AssertionError e) {
                    acked.broken.add(e.toString());
                    pause(100);
                }
            }
        };
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /** Calls until the server answers (it may be down, being restarted). */
    private static <T> T retrying(Supplier<T> call) {
        for (int attempt = 0; ; attempt++) {
            try {
                return call.get();
            } catch (XwConnectException e) {
                if (attempt > 300) {
                    throw e;
                }
                pause(100);
            }
        }
    }

    private static boolean isAvailable(XwHttpClient admin, String uid, String sha) {
        DataView now = retrying(() -> admin.get("/api/v1/datas/" + uid, DataView.class));
        return now.status() == DataStatus.AVAILABLE && sha.equals(now.sha256());
    }

    private static final Map<XwHttpClient, String> TOKENS = new ConcurrentHashMap<>();

    private static String token(XwHttpClient client) {
        return TOKENS.get(client);
    }

    private static XwHttpClient login(Deployment grid, Path pem, String who) {
        XwHttpClient client = new XwHttpClient(XwHttpClient.serverUri("localhost", grid.port()), PinnedTrust.readPem(pem));
        String token = client.post("/api/v1/login", new LoginRequest(grid.credential(who + ".login"),
                grid.credential(who + ".password")), TokenResponse.class).token();
        client.token(token);
        TOKENS.put(client, token);
        return client;
    }

    private String upload(XwHttpClient client, byte[] content) throws Exception {
        DataView data = client.post("/api/v1/datas", new DataCreate("binary", null, null, null, (long) content.length,
                sha256(content), null), DataView.class);
        Path file = Files.write(tmp.resolve("binary"), content);
        return client.upload("/api/v1/datas/" + data.uid() + "/content", file, Map.of(), DataView.class).uid();
    }

    private static Map<String, WorkView> works(XwHttpClient admin) {
        return retrying(() -> admin.get("/api/v1/works", new TypeReference<List<WorkView>>() { })).stream()
                .collect(Collectors.toMap(WorkView::uid, w -> w));
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.toList();
        }
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] zip(String stdout) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("stdout.txt"));
            z.write(stdout.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return out.toByteArray();
    }

    private static String entry(byte[] zip) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals("stdout.txt")) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no stdout.txt in the result zip");
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
