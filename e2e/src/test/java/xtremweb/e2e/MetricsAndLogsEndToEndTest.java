package xtremweb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.http.PinnedTrust;
import xtremweb.common.http.XwApiException;
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
 * What an operator watches, on a real grid of processes: /metrics scraped while real jobs run,
 * fail and are lost with their workers, read back with a real Prometheus parser; and the server's
 * JSON log, whose lines carry who and what they are about, and never a password or token.
 */
class MetricsAndLogsEndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void countersMoveAsRealJobsAreSubmittedDispatchedCompletedFailedAndLost() throws Exception {
        try (Deployment grid = Deployment.create(tmp, "h2")) {
            grid.startServer("status.sample=1");
            Session admin = Session.admin(grid);
            admin.app("apptest", Files.readAllBytes(Deployment.SOURCE_ROOT.resolve("apptest/target/apptest")));
            admin.app("broken", "this is text, not a program\n".getBytes(StandardCharsets.UTF_8));
            Daemon worker1 = grid.startWorker("worker1", 2);
            Daemon worker2 = grid.startWorker("worker2", 2);
            PrometheusText start = admin.scrape();

            List<String> quick = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                quick.add(admin.submit("apptest", "-s", "1", "job " + i));
            }
            String broken = admin.submit("broken");
            // Scraped during the run: works are out on hosts while others wait or are done.
            Awaitility.await("a scrape in the middle of the run").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        PrometheusText now = admin.scrape();
                        double dispatched = now.value("xtremweb_works_dispatched_total") - start.value("xtremweb_works_dispatched_total");
                        double completed = now.value("xtremweb_works_completed_total") - start.value("xtremweb_works_completed_total");
                        return dispatched > completed && completed > 0;
                    });
            admin.awaitFinal(quick);
            admin.awaitFinal(List.of(broken));
            PrometheusText ran = admin.scrape();
            assertThat(ran.value("xtremweb_works_submitted_total") - start.value("xtremweb_works_submitted_total")).isEqualTo(13);
            assertThat(ran.value("xtremweb_works_dispatched_total") - start.value("xtremweb_works_dispatched_total")).isEqualTo(13);
            assertThat(ran.value("xtremweb_works_completed_total") - start.value("xtremweb_works_completed_total")).isEqualTo(12);
            assertThat(ran.value("xtremweb_works_failed_total", "cause", "reported")
                    - start.value("xtremweb_works_failed_total", "cause", "reported")).isEqualTo(1);
            assertThat(ran.value("xtremweb_results_received_bytes_total")).isPositive();
            assertThat(ran.value("xtremweb_data_sent_bytes_total", "to", "worker")).as("binaries sent to workers").isPositive();
            assertThat(ran.family("xtremweb_dispatch_latency_seconds").getMetrics()).isNotEmpty();
            Awaitility.await("both hosts counted alive").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> admin.scrape().value("xtremweb_hosts_alive") == 2);

            // Two long jobs, then both workers die (SIGKILL): their leases run out and the works go back to the queue.
            List<String> slow = List.of(admin.submit("apptest", "-s", "60", "slow 1"), admin.submit("apptest", "-s", "60", "slow 2"));
            Awaitility.await("the slow jobs running").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> admin.works().stream().filter(w -> slow.contains(w.uid())).allMatch(w -> w.status() == WorkStatus.RUNNING));
            worker1.kill();
            worker2.kill();
            Awaitility.await("the lost tasks counted").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> admin.scrape().value("xtremweb_tasks_lost_total") - start.value("xtremweb_tasks_lost_total") == 2);
            PrometheusText lost = admin.scrape();
            assertThat(lost.value("xtremweb_works_retried_total") - start.value("xtremweb_works_retried_total")).isEqualTo(2);
            // The gauges follow at the next count of the grid (status.sample=1 s).
            Awaitility.await("the queue gauges").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                PrometheusText counted = admin.scrape();
                assertThat(counted.value("xtremweb_works", "status", "PENDING")).isEqualTo(2);
                assertThat(counted.value("xtremweb_queue_depth", "owner", grid.credential("admin.login"))).isEqualTo(2);
                assertThat(counted.value("xtremweb_hosts_alive")).isZero();
            });
        }
    }

    @Test
    void jsonLogLinesCarryTheirContextAndNoPasswordOrTokenAppearsInAnyLog() throws Exception {
        try (Deployment grid = Deployment.create(tmp, "h2")) {
            grid.startServer("log.format=json");
            Session admin = Session.admin(grid);
            admin.app("apptest", Files.readAllBytes(Deployment.SOURCE_ROOT.resolve("apptest/target/apptest")));
            Daemon worker = grid.startWorker("worker1", 1);
            // The bin/ client logs in with the password from its file, submits and waits for the result.
            Command.Result sent = grid.client(grid.adminConfig(), "xwsendwork", List.of("apptest", "secret-free argument"));
            assertThat(sent.exitCode()).as(sent.describe()).isZero();
            String work = sent.stdout().trim();
            Command.Result result = grid.client(grid.adminConfig(), "xwresult", List.of("--xwwait", "120", "--xwout",
                    tmp.resolve("out").toString(), work));
            assertThat(result.exitCode()).as(result.describe()).isZero();
            // A password typed in the login field, and a wrong password: neither may reach a log.
            String typedAsLogin = "Tr0ub4dor-typed-as-login";
            String wrongPassword = "n0t-the-right-0ne-but-secret";
            for (LoginRequest attempt : List.of(new LoginRequest(typedAsLogin, "x"), new LoginRequest("admin", wrongPassword))) {
                try {
                    new XwHttpClient(XwHttpClient.serverUri("localhost", grid.port()),
                            PinnedTrust.readPem(Path.of(grid.credential("server.certificate")))).post("/api/v1/login", attempt,
                            TokenResponse.class);
                } catch (XwApiException expected) {
                    assertThat(expected.status()).isEqualTo(401);
                }
            }
            admin.scrape();
            admin.works();
            worker.stop();

            String serverLog = grid.server().output();
            String accessLog = Files.readString(grid.dir().resolve("server/logs/access.log"));
            String workerLog = worker.output();
            for (String secret : List.of(grid.credential("admin.password"), grid.credential("worker.password"), admin.token,
                    typedAsLogin, wrongPassword)) {
                assertThat(serverLog).as("server log").doesNotContain(secret);
                assertThat(accessLog).as("access log").doesNotContain(secret);
                assertThat(workerLog).as("worker log").doesNotContain(secret);
            }
            // The access log stays in Common Log Format, one request a line.
            assertThat(accessLog.lines().filter(l -> l.contains("\"POST /api/v1/login HTTP/1.1\" 401"))).hasSizeGreaterThanOrEqualTo(2);
            assertThat(accessLog.lines()).allMatch(l -> l.matches("^\\S+ - \\S+ \\[[^]]+] \"[A-Z]+ \\S+ HTTP/[0-9.]+\" \\d{3} \\S+.*$"));

            ObjectMapper json = new ObjectMapper();
            List<JsonNode> lines = new ArrayList<>();
            for (String line : serverLog.lines().toList()) {
                if (line.startsWith("{")) {
                    lines.add(json.readTree(line));
                }
            }
            assertThat(lines).as("JSON log lines").hasSizeGreaterThan(3);
            assertThat(lines).allSatisfy(l -> assertThat(l.has("level") && l.has("loggerName") && l.has("message")).isTrue());
            assertThat(lines).as("a line about the work, with its task, host and user in the MDC").anySatisfy(l -> {
                JsonNode mdc = l.path("mdc");
                assertThat(mdc.path("work").asText()).isEqualTo(work);
                assertThat(mdc.path("task").asText()).isNotEmpty();
                assertThat(mdc.path("host").asText()).isNotEmpty();
                assertThat(mdc.path("user").asText()).isEqualTo(grid.credential("worker.login"));
            });
        }
    }

    /** An administrator's session: the JSON API through the project's client, /metrics as text. */
    private static final class Session {
        private final XwHttpClient api;
        private final HttpClient http;
        private final int port;
        private final String token;

        private Session(XwHttpClient api, HttpClient http, int port, String token) {
            this.api = api;
            this.http = http;
            this.port = port;
            this.token = token;
        }

        static Session admin(Deployment grid) {
            var pem = PinnedTrust.readPem(Path.of(grid.credential("server.certificate")));
            XwHttpClient api = new XwHttpClient(XwHttpClient.serverUri("localhost", grid.port()), pem);
            String token = api.post("/api/v1/login", new LoginRequest(grid.credential("admin.login"), grid.credential("admin.password")),
                    TokenResponse.class).token();
            api.token(token);
            return new Session(api, HttpClient.newBuilder().sslContext(PinnedTrust.sslContext(pem)).build(), grid.port(), token);
        }

        PrometheusText scrape() throws Exception {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/metrics"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            return PrometheusText.parse(answer.body());
        }

        void app(String name, byte[] binary) throws Exception {
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(binary));
            DataView data = api.post("/api/v1/datas", new DataCreate(name, null, null, null, (long) binary.length, sha, null),
                    DataView.class);
            Path file = Files.createTempFile(name, ".bin");
            Files.write(file, binary);
            api.upload("/api/v1/datas/" + data.uid() + "/content", file, Map.of(), DataView.class);
            Files.delete(file);
            api.post("/api/v1/apps", new AppCreate(name, System.getProperty("os.arch"), "linux", data.uid()), AppView.class);
        }

        String submit(String app, String... args) {
            return api.post("/api/v1/works", new WorkSubmit(app, List.of(args), null, null, null), WorkView.class).uid();
        }

        List<WorkView> works() {
            return api.get("/api/v1/works", new TypeReference<List<WorkView>>() { });
        }

        void awaitFinal(List<String> uids) {
            Awaitility.await(uids.size() + " works final").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> works().stream().filter(w -> uids.contains(w.uid())).allMatch(w -> w.status().isFinal()));
        }
    }
}
