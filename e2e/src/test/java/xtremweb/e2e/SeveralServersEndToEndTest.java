package xtremweb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import xtremweb.common.http.PinnedTrust;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.wire.AppCreate;
import xtremweb.common.wire.AppView;
import xtremweb.common.wire.DataCreate;
import xtremweb.common.wire.DataView;
import xtremweb.common.wire.LoginRequest;
import xtremweb.common.wire.TokenResponse;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.common.wire.WorkView;

/**
 * Issue 18 with real processes: two servers (each its own path.home) on one MariaDB, sharing one
 * keystore, behind a real HAProxy (TLS passed through); workers and clients know the balancer's
 * address only. Works with stdin and env data uploaded through the balancer complete with the
 * right output, and their results read the same through the balancer and through each server.
 *
 * <p>With each server keeping data in its own directory, a server asked for bytes the other holds
 * answers 421 naming it and clients and workers follow: no 500 anywhere. With the data shared by
 * both, in one S3 bucket (a real S3Proxy in its own process) or in one directory (a network file
 * system), one server SIGKILLed mid-run leaves every work to complete exactly once through the
 * other, whose results read the same directly and through the balancer. No worker is benched.
 */
class SeveralServersEndToEndTest {
    /** The figure is 300: -Dxw.e2e.severalServersWorks=300. */
    private static final int WORKS = Integer.getInteger("xw.e2e.severalServersWorks", 60);
    /** Four job slots: 60 works take well under a minute, the 300 a few. */
    private static final Duration PATIENCE = Duration.ofSeconds(60 + WORKS);
    /** Both servers keep data under this prefix of the one bucket. */
    private static final String PREFIX = "grid-a/";
    private static final String APP = "#!/bin/sh\necho \"job $1\"\ncat env.txt\ncat\nsleep \"${2:-0}\"\n";
    @TempDir
    Path tmp;

    private record Grid(Daemon serverB, int portB, LoadBalancer balancer, Path pem) {
    }

    @Test
    void eachServerWithItsOwnDataServesEveryWorkThroughTheBalancerAndNoneAnswers500() throws Exception {
        assumeTrue(mariaDbConfigured(), "XW_TEST_MARIADB_URL is not set");
        try (Deployment deployment = Deployment.create(tmp, "mariadb")) {
            Grid grid = start(deployment, "", false);
            try (LoadBalancer balancer = grid.balancer()) {
                XwHttpClient viaBalancer = admin(deployment, grid.pem(), balancer.port());
                List<String> works = submit(viaBalancer, "0");
                awaitCompleted(viaBalancer, works);

                XwHttpClient onA = admin(deployment, grid.pem(), deployment.port());
                XwHttpClient onB = admin(deployment, grid.pem(), grid.portB());
                for (int i = 0; i < works.size(); i++) {
                    String result = viaBalancer.get("/api/v1/works/" + works.get(i), WorkView.class).resultDataUid();
                    byte[] through = download(viaBalancer, result, "lb-" + i);
                    assertThat(entry(through, "stdout.txt")).as("stdout of work %d", i).isEqualTo(expected(i));
                    assertThat(download(onA, result, "a-" + i)).as("work %d through server A", i).isEqualTo(through);
                    assertThat(download(onB, result, "b-" + i)).as("work %d through server B", i).isEqualTo(through);
                }

                // Both stores hold some of the bytes, so both servers named the other at least once.
                Map<String, Integer> holders = holders(deployment);
                String a = "https://127.0.0.1:" + deployment.port();
                String b = "https://127.0.0.1:" + grid.portB();
                assertThat(holders).as("data held per server").containsOnlyKeys(a, b);
                String accessA = Files.readString(tmp.resolve("server/logs/access.log"));
                String accessB = Files.readString(tmp.resolve("server-b/logs/access.log"));
                long named = (accessA + accessB).lines().filter(l -> l.contains("\" 421 ")).count();
                System.out.printf("several servers: data held %s; %d answer(s) 421 naming the holder%n", holders, named);
                assertThat(named).as("answers 421 naming the holder").isPositive();
                assertThat(accessA).as("server A's access log").doesNotContain("\" 500 ");
                assertThat(accessB).as("server B's access log").doesNotContain("\" 500 ");

                // Listings advertise the holder, whichever server answers them.
                List<DataView> listedByA = onA.get("/api/v1/datas", new TypeReference<List<DataView>>() { });
                assertThat(listedByA).filteredOn(d -> d.uri() != null && d.uri().startsWith("xw://127.0.0.1:" + grid.portB() + "/"))
                        .as("data held by B, listed by A").isNotEmpty();

                // The real client commands, configured with the balancer's address only.
                Path config = deployment.clientConfig("admin-lb", deployment.credential("admin.login"),
                        deployment.credential("admin.password"), "127.0.0.1", balancer.port(), grid.pem());
                Path out = tmp.resolve("results");
                Command.Result fetched = deployment.client(config, "xwresult", List.of("--xwnoerase", "--xwout", out.toString(),
                        works.get(0), works.get(1), works.get(2)));
                assertThat(fetched.exitCode()).as(fetched.describe()).isZero();
                for (int i = 0; i < 3; i++) {
                    assertThat(Files.readString(out.resolve(works.get(i)).resolve("stdout.txt"))).isEqualTo(expected(i));
                }

                // Without a balancer: dispatcher.servers lists a server that is down, then server B.
                int down = Deployment.freePort();
                Path listed = deployment.clientConfig("admin-list", deployment.credential("admin.login"),
                        deployment.credential("admin.password"), "127.0.0.1:" + down + " 127.0.0.1:" + grid.portB(), 1, grid.pem());
                Command.Result datas = deployment.client(listed, "xwdatas", List.of());
                assertThat(datas.exitCode()).as(datas.describe()).isZero();
                assertThat(datas.stdout()).contains("xw://127.0.0.1:" + deployment.port() + "/").contains("xw://127.0.0.1:" + grid.portB() + "/");
                noWorkerBenched(deployment, grid);
            }
        }
    }

    /** How the two servers share the bytes of data, so that server A serves them all once B is dead. */
    enum SharedData {
        /** One S3 bucket and prefix (S3Proxy here): the way, where no server holds anything. */
        OBJECT_STORAGE,
        /** One directory for both, as a network file system mounted on both (a symbolic link here). */
        DIRECTORY
    }

    @ParameterizedTest(name = "data in {0}")
    @EnumSource(SharedData.class)
    void oneServerKilledMidRunLeavesEveryWorkToCompleteExactlyOnceThroughTheOther(SharedData sharing) throws Exception {
        assumeTrue(mariaDbConfigured(), "XW_TEST_MARIADB_URL is not set");
        // Closed in reverse order: the servers stop before the object storage they write to.
        try (ObjectStorage storage = sharing == SharedData.OBJECT_STORAGE ? ObjectStorage.start(tmp.resolve("s3")) : null;
             Deployment deployment = Deployment.create(tmp, "mariadb")) {
            Grid grid = storage == null ? start(deployment, "", true) : start(deployment, storage.serverConfig(PREFIX), false);
            try (LoadBalancer balancer = grid.balancer()) {
                XwHttpClient viaBalancer = admin(deployment, grid.pem(), balancer.port());
                long began = System.nanoTime();
                List<String> works = submit(viaBalancer, "1");
                Awaitility.await("a third of the works completed").atMost(PATIENCE).pollInterval(Duration.ofMillis(300))
                        .ignoreExceptions().until(() -> completed(viaBalancer, works) >= works.size() / 3);
                long before = completed(viaBalancer, works);
                grid.serverB().kill();
                assertThat(before).as("killed mid-run").isLessThan(works.size());
                awaitCompleted(viaBalancer, works);
                System.out.printf("several servers, data in %s: server B SIGKILLed with %d of %d works completed; all"
                        + " completed %.1f s after the first upload%n", sharing, before, works.size(), (System.nanoTime() - began) / 1e9);

                XwHttpClient onA = admin(deployment, grid.pem(), deployment.port());
                for (int i = 0; i < works.size(); i++) {
                    String result = viaBalancer.get("/api/v1/works/" + works.get(i), WorkView.class).resultDataUid();
                    byte[] through = download(viaBalancer, result, "lb-" + i);
                    assertThat(entry(through, "stdout.txt")).as("stdout of work %d", i).isEqualTo(expected(i));
                    assertThat(download(onA, result, "a-" + i)).as("work %d through server A", i).isEqualTo(through);
                }
                try (Connection c = DriverManager.getConnection(databaseUrl(deployment)); Statement s = c.createStatement()) {
                    try (ResultSet rs = s.executeQuery("SELECT w.uid, COUNT(t.uid) FROM works w LEFT JOIN tasks t"
                            + " ON t.work_uid = w.uid AND t.status = 'DONE' GROUP BY w.uid")) {
                        Map<String, Integer> done = new HashMap<>();
                        while (rs.next()) {
                            done.put(rs.getString(1), rs.getInt(2));
                        }
                        assertThat(done).as("tasks that ended DONE per work").hasSize(works.size()).allSatisfy((w, n) ->
                                assertThat(n).as(w).isEqualTo(1));
                    }
                }
                assertThat(grid.serverB().isAlive()).isFalse();
                for (String server : List.of("server", "server-b")) {
                    assertThat(Files.readString(tmp.resolve(server + "/logs/access.log"))).as("%s's access log", server)
                            .doesNotContain("\" 500 ");
                }
                if (storage != null) {
                    allBytesInTheBucket(deployment, storage);
                }
                noWorkerBenched(deployment, grid);
            }
        }
    }

    /**
     * With the grid's data in object storage no server is the holder of any bytes (DataService
     * records none for a shared store), every available data is an object under the grid's prefix,
     * and neither server kept bytes in its own directory.
     */
    private void allBytesInTheBucket(Deployment deployment, ObjectStorage storage) throws Exception {
        assertThat(holders(deployment)).as("data rows naming a holder").isEmpty();
        List<String> available = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(databaseUrl(deployment)); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT uid FROM datas WHERE status = 'AVAILABLE'")) {
            while (rs.next()) {
                available.add(rs.getString(1));
            }
        }
        // The app, then per work its stdin, its env and its result.
        assertThat(available).as("available data").hasSizeGreaterThanOrEqualTo(1 + 3 * WORKS);
        assertThat(storage.objectNames(PREFIX + "data/")).as("objects in the bucket").containsAll(available);
        for (String server : List.of("server", "server-b")) {
            Path data = tmp.resolve(server).resolve("data");
            if (Files.isDirectory(data)) {
                try (Stream<Path> files = Files.walk(data)) {
                    assertThat(files.filter(Files::isRegularFile).toList()).as("files in %s", data).isEmpty();
                }
            }
        }
    }

    private static boolean mariaDbConfigured() {
        return Deployment.mariaDbUrl() != null && !Deployment.mariaDbUrl().isBlank();
    }

    /**
     * Server A, then server B with A's keystore (and, when {@code shareDirectory}, A's data directory,
     * as a network file system mounted on both), both with {@code dataStore}'s configuration lines,
     * HAProxy before both, two workers through it.
     */
    private Grid start(Deployment deployment, String dataStore, boolean shareDirectory) throws Exception {
        deployment.startServer("server.names=127.0.0.1\n" + dataStore);
        deployment.shareKeystoreWith("server-b");
        if (shareDirectory) {
            Files.createSymbolicLink(tmp.resolve("server-b/data"), tmp.resolve("server/data"));
        }
        int portB = deployment.startAnotherServer("server-b", "server.names=127.0.0.1\n" + dataStore);
        Daemon serverB = deployment.lastStarted();
        assertThat(serverB.output()).doesNotContain("NOT THE GRID'S");
        LoadBalancer balancer = LoadBalancer.start(tmp, List.of(deployment.port(), portB));
        for (int w = 1; w <= 2; w++) {
            deployment.startWorkerVia("worker" + w, 2, "127.0.0.1", balancer.port());
        }
        return new Grid(serverB, portB, balancer, Path.of(deployment.credential("server.certificate")));
    }

    /** The app, then per work its stdin and env uploaded and the work submitted, all through {@code client}. */
    private List<String> submit(XwHttpClient client, String sleepSeconds) throws Exception {
        String binary = upload(client, "app.sh", APP.getBytes(StandardCharsets.UTF_8));
        client.post("/api/v1/apps", new AppCreate("app", System.getProperty("os.arch"), "linux", binary), AppView.class);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> sent = new ArrayList<>();
            for (int i = 0; i < WORKS; i++) {
                int job = i;
                sent.add(pool.submit(() -> {
                    String stdin = upload(client, "stdin-" + job, ("stdin " + job + "\n").getBytes(StandardCharsets.UTF_8));
                    String env = upload(client, "env-" + job + ".zip", zip("env.txt", "env " + job + "\n"));
                    return client.post("/api/v1/works", new WorkSubmit("app", List.of(String.valueOf(job), sleepSeconds),
                            "several-" + job, stdin, env, null, null, null, null, null, null), WorkView.class).uid();
                }));
            }
            List<String> uids = new ArrayList<>();
            for (Future<String> f : sent) {
                uids.add(f.get());
            }
            return uids;
        } finally {
            pool.shutdown();
        }
    }

    private static String expected(int job) {
        return "job " + job + "\nenv " + job + "\nstdin " + job + "\n";
    }

    private static void awaitCompleted(XwHttpClient client, List<String> works) {
        Awaitility.await("all works completed").atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> completed(client, works) == works.size());
    }

    private static long completed(XwHttpClient client, List<String> works) {
        return client.get("/api/v1/works?status=COMPLETED", new TypeReference<List<WorkView>>() { }).stream()
                .filter(w -> works.contains(w.uid())).count();
    }

    /** No host sat out: nothing was reported ERROR, nothing was benched. */
    private static void noWorkerBenched(Deployment deployment, Grid grid) throws Exception {
        String servers = deployment.server().output() + grid.serverB().output();
        assertThat(servers).as("server logs").doesNotContain("benched");
        try (Connection c = DriverManager.getConnection(databaseUrl(deployment)); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM works WHERE status = 'ERROR'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("works in ERROR").isZero();
        }
    }

    private static Map<String, Integer> holders(Deployment deployment) throws Exception {
        Map<String, Integer> holders = new HashMap<>();
        try (Connection c = DriverManager.getConnection(databaseUrl(deployment)); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT holder, COUNT(*) FROM datas WHERE holder IS NOT NULL GROUP BY holder")) {
            while (rs.next()) {
                holders.put(rs.getString(1), rs.getInt(2));
            }
        }
        return holders;
    }

    private static String databaseUrl(Deployment deployment) throws IOException {
        String conf = Files.readString(deployment.dir().resolve("xtremweb.server.conf"));
        return conf.lines().filter(l -> l.startsWith("XWdbUrl=")).findFirst().orElseThrow().substring("XWdbUrl=".length());
    }

    private static XwHttpClient admin(Deployment deployment, Path pem, int port) {
        XwHttpClient client = new XwHttpClient(List.of(URI.create("https://127.0.0.1:" + port)), PinnedTrust.readPem(pem), null);
        client.token(client.post("/api/v1/login", new LoginRequest(deployment.credential("admin.login"),
                deployment.credential("admin.password")), TokenResponse.class).token());
        return client;
    }

    private String upload(XwHttpClient client, String name, byte[] content) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        DataView data = client.post("/api/v1/datas", new DataCreate(name, null, null, null, (long) content.length, sha, null),
                DataView.class);
        Path file = Files.write(tmp.resolve(name + ".upload"), content);
        return client.upload("/api/v1/datas/" + data.uid() + "/content", file, Map.of(), DataView.class).uid();
    }

    private byte[] download(XwHttpClient client, String dataUid, String name) throws IOException {
        Path file = tmp.resolve(name + ".zip");
        client.download("/api/v1/datas/" + dataUid + "/content", file);
        return Files.readAllBytes(file);
    }

    private static byte[] zip(String name, String content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    private static String entry(byte[] zip, String name) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals(name)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no " + name + " in the result zip");
    }
}
