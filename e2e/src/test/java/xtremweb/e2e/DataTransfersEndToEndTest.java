package xtremweb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data through the bin/ scripts: resumed downloads, jobs with env and stdin, disk given back, zip-slip refused. */
class DataTransfersEndToEndTest {
    /** Copies its env file, stdin and arguments into the files the test checks. */
    private static final String SCRIPT = """
            #!/bin/sh
            cat config/params.txt > env-seen.txt
            cat > stdin-copy.txt
            echo "args: $*" > args.txt
            """;

    @TempDir
    Path tmp;

    @Test
    void downloadCutHalfwayResumesWhereItStoppedAndTheFileIsCorrect() throws Exception {
        try (Deployment grid = Deployment.create(tmp, "h2")) {
            grid.startServer();
            Path admin = grid.adminConfig();
            byte[] bytes = new byte[24 * 1024 * 1024];
            new Random(7).nextBytes(bytes);
            Path file = tmp.resolve("big.bin");
            Files.write(file, bytes);
            Command.Result sent = grid.client(admin, "xwsenddata", List.of("big.bin", file.toString()));
            assertThat(sent.exitCode()).as(sent.describe()).isZero();
            String uid = sent.stdout().trim();

            try (CuttingProxy proxy = new CuttingProxy(grid.port(), bytes.length / 2)) {
                Path viaProxy = grid.clientConfig("proxied", grid.credential("admin.login"), grid.credential("admin.password"), proxy.port());
                Path out = tmp.resolve("down");
                Command.Result down = grid.client(viaProxy, "xwdownload", List.of("--xwout", out.toString(), uid));
                assertThat(down.exitCode()).as(down.describe()).isZero();
                assertThat(proxy.didCut()).isTrue();
                assertThat(sha256(Files.readAllBytes(out.resolve("big.bin")))).isEqualTo(sha256(bytes));
                // resumed, not restarted: well under twice the file crossed the proxy
                assertThat(proxy.bytesTowardsClients()).isLessThan(bytes.length + bytes.length / 4);
                assertThat(out.resolve("big.bin.part")).doesNotExist();
            }
            assertThat(Deployment.read(tmp.resolve("server/logs/access.log"))).contains("/content HTTP/1.1\" 206 ");
        }
    }

    @Test
    void jobsWithEnvStdinAndArgumentsComeBackAndErasingThemGivesTheDiskBack() throws Exception {
        try (Deployment grid = Deployment.create(tmp, "h2")) {
            grid.startServer("data.housekeeping=1");
            Path admin = grid.adminConfig();
            grid.startWorker("worker1", 2);
            Path script = tmp.resolve("copier");
            Files.writeString(script, SCRIPT);
            Command.Result app = grid.client(admin, "xwsendapp", List.of("copier", System.getProperty("os.arch"), "linux", script.toString()));
            assertThat(app.exitCode()).as(app.describe()).isZero();
            long baseline = diskUsage(tmp.resolve("server/data"));

            List<String> works = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Path env = tmp.resolve("env-" + i + ".zip");
                zip(env, "config/params.txt", "params of job " + i);
                Path stdin = tmp.resolve("stdin-" + i);
                Files.writeString(stdin, "input " + i + "\n".repeat(i + 1));
                Command.Result sent = grid.client(admin, "xwsendwork", List.of("--xwenv", env.toString(), "--xwstdin",
                        stdin.toString(), "copier", "job " + i, "--flag"));
                assertThat(sent.exitCode()).as(sent.describe()).isZero();
                works.add(sent.stdout().trim());
            }
            assertThat(diskUsage(tmp.resolve("server/data"))).isGreaterThan(baseline);

            Path out = tmp.resolve("results");
            List<String> args = new ArrayList<>(List.of("--xwwait", "300", "--xwrmzip", "--xwout", out.toString()));
            args.addAll(works);
            Command.Result results = grid.client(admin, "xwresult", args);
            assertThat(results.exitCode()).as(results.describe()).isZero();
            for (int i = 0; i < 3; i++) {
                Path dir = out.resolve(works.get(i));
                assertThat(Files.readString(dir.resolve("env-seen.txt"))).isEqualTo("params of job " + i);
                assertThat(Files.readString(dir.resolve("stdin-copy.txt"))).isEqualTo("input " + i + "\n".repeat(i + 1));
                assertThat(Files.readString(dir.resolve("args.txt"))).isEqualTo("args: job " + i + " --flag\n");
                assertThat(out.resolve(works.get(i) + ".zip")).doesNotExist();
            }
            // xwresult erased the works: their inputs and results leave the disk at the next housekeeping
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(diskUsage(tmp.resolve("server/data"))).isEqualTo(baseline));
        }
    }

    @Test
    void envEntriesEscapingTheJobDirectoryFailTheJobAndWriteNothingOutside() throws Exception {
        try (Deployment grid = Deployment.create(tmp, "h2")) {
            grid.startServer();
            Path admin = grid.adminConfig();
            grid.startWorker("worker1", 1);
            Path script = tmp.resolve("copier");
            Files.writeString(script, SCRIPT);
            assertThat(grid.client(admin, "xwsendapp", List.of("copier", System.getProperty("os.arch"), "linux", script.toString()))
                    .exitCode()).isZero();
            List<String> works = new ArrayList<>();
            for (String evil : List.of("../../escaped-relative.txt", "/tmp/xw-escaped-absolute-" + tmp.getFileName() + ".txt")) {
                Path env = tmp.resolve("evil-" + works.size() + ".zip");
                zip(env, evil, "gotcha");
                Command.Result sent = grid.client(admin, "xwsendwork", List.of("--xwenv", env.toString(), "copier"));
                assertThat(sent.exitCode()).as(sent.describe()).isZero();
                works.add(sent.stdout().trim());
            }
            List<String> args = new ArrayList<>(List.of("--xwwait", "300", "--xwout", tmp.resolve("out").toString()));
            args.addAll(works);
            Command.Result results = grid.client(admin, "xwresult", args);
            assertThat(results.exitCode()).as(results.describe()).isNotZero();
            assertThat(results.stderr()).contains("ERROR").contains("env");
            try (Stream<Path> all = Files.walk(tmp)) {
                assertThat(all.filter(p -> p.getFileName().toString().startsWith("escaped-relative"))).isEmpty();
            }
            assertThat(Path.of("/tmp/xw-escaped-absolute-" + tmp.getFileName() + ".txt")).doesNotExist();
        }
    }

    @Test
    void inputsLivingOnAWebServerReachTheJobAndAreCheckedOnTheWay() throws Exception {
        Path web = Files.createDirectories(tmp.resolve("web"));
        Files.writeString(web.resolve("in.txt"), "from the web\n");
        zip(web.resolve("env.zip"), "config/params.txt", "params from the web");
        com.sun.net.httpserver.HttpServer site = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/", exchange -> {
            Path file = web.resolve(exchange.getRequestURI().getPath().substring(1));
            byte[] bytes = Files.readAllBytes(file);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        site.start();
        String base = "http://127.0.0.1:" + site.getAddress().getPort() + "/";
        try (Deployment grid = Deployment.create(tmp, "h2")) {
            grid.startServer();
            Path admin = grid.adminConfig();
            // The "web server" is on 127.0.0.1: only a lab grid's workers may fetch it.
            grid.startWorker("worker1", 1, grid.credential("worker.login"), grid.credential("worker.password"),
                    "data.privateaddresses: true");
            Path script = tmp.resolve("copier");
            Files.writeString(script, SCRIPT);
            assertThat(grid.client(admin, "xwsendapp", List.of("copier", System.getProperty("os.arch"), "linux", script.toString()))
                    .exitCode()).isZero();

            Command.Result data = grid.client(admin, "xwsenddata", List.of("remote.txt", base + "in.txt"));
            assertThat(data.exitCode()).as(data.describe()).isZero();
            Command.Result listed = grid.client(admin, "xwdatas", List.of());
            assertThat(listed.stdout()).contains(data.stdout().trim()).contains(base + "in.txt");
            Command.Result down = grid.client(admin, "xwdownload", List.of("--xwout", tmp.resolve("dl").toString(), data.stdout().trim()));
            assertThat(down.exitCode()).as(down.describe()).isZero();
            assertThat(tmp.resolve("dl/remote.txt")).hasContent("from the web\n");

            Command.Result sent = grid.client(admin, "xwsendwork", List.of("--xwstdin", base + "in.txt", "--xwenv", base + "env.zip",
                    "copier", "remote"));
            assertThat(sent.exitCode()).as(sent.describe()).isZero();
            String work = sent.stdout().trim();
            Command.Result results = grid.client(admin, "xwresult", List.of("--xwwait", "300", "--xwout", tmp.resolve("out").toString(), work));
            assertThat(results.exitCode()).as(results.describe()).isZero();
            assertThat(tmp.resolve("out").resolve(work).resolve("stdin-copy.txt")).hasContent("from the web\n");
            assertThat(tmp.resolve("out").resolve(work).resolve("env-seen.txt")).hasContent("params from the web");
        } finally {
            site.stop(0);
        }
    }

    private static void zip(Path zip, String entry, String content) throws IOException {
        try (OutputStream raw = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(raw)) {
            out.putNextEntry(new ZipEntry(entry));
            out.write(content.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }

    /** Bytes of data content on disk (the server's data directory, all files). */
    private static long diskUsage(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // swept meanwhile
                }
            }).sum();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
