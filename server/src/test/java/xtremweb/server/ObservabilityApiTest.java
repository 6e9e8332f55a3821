package xtremweb.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.config.XwConfig;
import xtremweb.common.http.PinnedTrust;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.json.Json;
import xtremweb.common.model.UserRights;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.AppCreate;
import xtremweb.common.wire.Assignment;
import xtremweb.common.wire.DataCreate;
import xtremweb.common.wire.DataView;
import xtremweb.common.wire.HostCredential;
import xtremweb.common.wire.HostRegistration;
import xtremweb.common.wire.LoginRequest;
import xtremweb.common.wire.TaskReport;
import xtremweb.common.wire.TokenResponse;
import xtremweb.common.wire.UserCreate;
import xtremweb.common.wire.WorkRequest;
import xtremweb.common.wire.WorkResponse;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.common.wire.WorkView;
import xtremweb.server.metrics.PrometheusText;

/**
 * /metrics, /health, /ready and the status page of the real server over real HTTPS, with a host
 * driven through the worker API so every counter has something to count.
 */
class ObservabilityApiTest {
    @TempDir
    static Path home;
    static XtremWebServer server;
    static Properties credentials = new Properties();
    static HttpClient http;
    static String adminToken;
    static String scientistToken;

    @BeforeAll
    static void start() throws Exception {
        server = XtremWebServer.start(ServerConfig.from(XwConfig.of(Map.of("port.https", "0", "path.home", "var",
                "XWkeyStore", "var/keystore/xwserver.p12", "alive.period", "1", "status.sample", "1"), "test", home)));
        try (InputStream in = Files.newInputStream(server.credentialsFile())) {
            credentials.load(in);
        }
        http = HttpClient.newBuilder().sslContext(PinnedTrust.sslContext(PinnedTrust.readPem(server.certificateFile()))).build();
        adminToken = login(credentials.getProperty("admin.login"), credentials.getProperty("admin.password"));
        client(adminToken).post("/api/v1/users", new UserCreate("scientist", "a long enough password", null,
                UserRights.STANDARD_USER, null), Object.class);
        scientistToken = login("scientist", "a long enough password");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static XwHttpClient client(String token) {
        XwHttpClient c = new XwHttpClient(XwHttpClient.serverUri("127.0.0.1", server.port()), PinnedTrust.readPem(server.certificateFile()));
        if (token != null) {
            c.token(token);
        }
        return c;
    }

    static String login(String login, String password) {
        return client(null).post("/api/v1/login", new LoginRequest(login, password), TokenResponse.class).token();
    }

    static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static PrometheusText scrape() throws Exception {
        HttpResponse<String> answer = get("/metrics", adminToken);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        return PrometheusText.parse(answer.body());
    }

    @Test
    void healthAnswersAnybodyWhileTheProcessServes() throws Exception {
        HttpResponse<String> health = get("/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(health.body()).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void readyPassesEveryCheckOnAHealthyServer() throws Exception {
        HttpResponse<String> ready = get("/ready", null);
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        JsonNode checks = Json.mapper().readTree(ready.body()).get("checks");
        assertThat(checks.get("database").get("ok").asBoolean()).isTrue();
        assertThat(checks.get("migrations").get("ok").asBoolean()).isTrue();
        assertThat(checks.get("disk").get("ok").asBoolean()).isTrue();
    }

    @Test
    void metricsAreForAdvancedUsersOnlyEvenFromLoopback() throws Exception {
        HttpResponse<String> anonymous = get("/metrics", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        // A Prometheus server cannot log in: the answer names what lets it in, and the address it came from.
        assertThat(anonymous.body()).contains("metrics.allow").contains("127.0.0.1").contains("Authorization: Bearer")
                .contains("without a token").doesNotContain("log in first");
        assertThat(get("/metrics", "xw_not-a-token").body()).contains("metrics.allow")
                .contains("with a token that is unknown, expired or revoked");
        assertThat(get("/metrics", scientistToken).statusCode()).isEqualTo(403);
        XwHttpClient worker = client(login(credentials.getProperty("worker.login"), credentials.getProperty("worker.password")));
        String hostToken = worker.post("/api/v1/worker/register",
                new HostRegistration(null, "probe", "linux", "amd64", 1, 1L << 30, "21"), HostCredential.class).hostToken();
        assertThat(get("/metrics", hostToken).statusCode()).isEqualTo(403);
        PrometheusText metrics = scrape();
        assertThat(metrics.has("jvm_memory_used_bytes")).isTrue();
        assertThat(metrics.has("hikaricp_connections_active")).isTrue();
        assertThat(metrics.has("jetty_threads_busy")).isTrue();
        assertThat(metrics.has("http_server_requests_seconds")).isTrue();
        assertThat(metrics.value("cache_gets_total", "cache", "tokens", "result", "hit")).isPositive();
    }

    @Test
    void countersFollowWorksThroughSubmissionDispatchCompletionFailureAndLoss() throws Exception {
        PrometheusText before = scrape();
        XwHttpClient admin = client(adminToken);
        byte[] binary = "#!/bin/sh\ncat\n".getBytes(StandardCharsets.UTF_8);
        DataView data = admin.post("/api/v1/datas", new DataCreate("count.sh", null, null, null, (long) binary.length,
                java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(binary)), null), DataView.class);
        admin.upload("/api/v1/datas/" + data.uid() + "/content", Files.write(home.resolve("count.sh"), binary), Map.of(), DataView.class);
        admin.post("/api/v1/apps", new AppCreate("counted", "amd64", "linux", data.uid()), Object.class);
        for (int i = 0; i < 3; i++) {
            admin.post("/api/v1/works", new WorkSubmit("counted", List.of(String.valueOf(i)), "c" + i, null, null), WorkView.class);
        }
        XwHttpClient worker = client(login(credentials.getProperty("worker.login"), credentials.getProperty("worker.password")));
        worker.token(worker.post("/api/v1/worker/register",
                new HostRegistration(null, "counter", "linux", "amd64", 2, 1L << 30, "21"), HostCredential.class).hostToken());
        Assignment done = worker.post("/api/v1/worker/workrequest", new WorkRequest(2), WorkResponse.class).assignment();
        Assignment failed = worker.post("/api/v1/worker/workrequest", new WorkRequest(2), WorkResponse.class).assignment();
        Assignment abandoned = worker.post("/api/v1/worker/workrequest", new WorkRequest(2), WorkResponse.class).assignment();
        assertThat(List.of(done, failed, abandoned)).doesNotContainNull();
        worker.upload("/api/v1/worker/tasks/" + done.taskUid() + "/result", Files.write(home.resolve("r.zip"), new byte[] {1, 2, 3}),
                Map.of(), DataView.class);
        try (LogCapture log = new LogCapture()) {
            worker.postNoContent("/api/v1/worker/tasks/" + done.taskUid() + "/status", new TaskReport(WorkStatus.COMPLETED, 0, null));
            worker.postNoContent("/api/v1/worker/tasks/" + failed.taskUid() + "/status", new TaskReport(WorkStatus.ERROR, null, "no luck"));
            // An administrator greps a work's UID and reads how it ended, as the log says when it was given to a host.
            assertThat(log.lines(ch.qos.logback.classic.Level.INFO)).anySatisfy(line -> assertThat(line)
                    .contains("work " + done.workUid() + " COMPLETED with exit code 0").contains(done.taskUid()));
            assertThat(log.lines(ch.qos.logback.classic.Level.INFO)).anySatisfy(line -> assertThat(line)
                    .contains("work " + failed.workUid() + " ends in ERROR: no luck").contains(failed.taskUid()));
        }

        // The third task's host stays silent: its 3 s lease runs out and the reaper gives the work back.
        Awaitility.await("the abandoned task found lost").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> scrape().value("xtremweb_tasks_lost_total") > before.value("xtremweb_tasks_lost_total"));
        PrometheusText after = scrape();
        assertThat(after.value("xtremweb_works_submitted_total") - before.value("xtremweb_works_submitted_total")).isEqualTo(3);
        assertThat(after.value("xtremweb_works_dispatched_total") - before.value("xtremweb_works_dispatched_total")).isEqualTo(3);
        assertThat(after.value("xtremweb_works_completed_total") - before.value("xtremweb_works_completed_total")).isEqualTo(1);
        assertThat(after.value("xtremweb_works_failed_total", "cause", "reported")
                - before.value("xtremweb_works_failed_total", "cause", "reported")).isEqualTo(1);
        assertThat(after.value("xtremweb_works_retried_total") - before.value("xtremweb_works_retried_total")).isEqualTo(1);
        assertThat(after.value("xtremweb_results_received_bytes_total") - before.value("xtremweb_results_received_bytes_total"))
                .isEqualTo(3);
        assertThat(after.family("xtremweb_dispatch_latency_seconds").getMetrics()).isNotEmpty();

        // The census gauges agree with the API once the next count has run.
        server.sampleCensus();
        PrometheusText counted = scrape();
        List<WorkView> all = admin.get("/api/v1/works", new com.fasterxml.jackson.core.type.TypeReference<List<WorkView>>() { });
        for (WorkStatus s : WorkStatus.values()) {
            assertThat(counted.value("xtremweb_works", "status", s.name())).as(s.name())
                    .isEqualTo(all.stream().filter(w -> w.status() == s).count());
        }
        assertThat(counted.value("xtremweb_hosts_registered")).isGreaterThanOrEqualTo(1);
        assertThat(counted.value("xtremweb_queue_depth", "owner", "admin")).isEqualTo(all.stream()
                .filter(w -> w.status() == WorkStatus.PENDING).count());
    }

    @Test
    void grafanaDashboardQueriesOnlyMetricsThisServerExports() throws Exception {
        String dashboard = Files.readString(Path.of("..", "conf", "grafana-xtremweb-dashboard.json"));
        JsonNode panels = Json.mapper().readTree(dashboard).get("panels");
        PrometheusText metrics = scrape();
        java.util.regex.Pattern name = java.util.regex.Pattern.compile(
                "\\b(xtremweb_[a-z_]+|http_server_requests_seconds_[a-z]+|hikaricp_[a-z_]+|jetty_[a-z_]+|jvm_[a-z_]+|cache_[a-z_]+)\\b");
        int queried = 0;
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                java.util.regex.Matcher m = name.matcher(target.get("expr").asText());
                while (m.find()) {
                    String family = m.group(1);
                    if (family.equals("xtremweb_queue_depth")) {
                        // One series per owner with pending works: none while the queue is empty.
                        continue;
                    }
                    if (!metrics.has(family) && family.endsWith("_bucket")) {
                        // histogram_quantile needs buckets: a summary (a timer without them) has the name but not the series.
                        family = family.substring(0, family.length() - "_bucket".length());
                        assertThat(metrics.isHistogram(family)).as(panel.get("title").asText() + ": " + m.group(1)
                                + " needs " + family + " to be a histogram").isTrue();
                    } else if (!metrics.has(family)) {
                        family = family.replaceAll("_(count|sum)$", "");
                    }
                    assertThat(metrics.has(family)).as(panel.get("title").asText() + ": " + m.group(1)).isTrue();
                    queried++;
                }
            }
        }
        assertThat(queried).isGreaterThan(20);
    }

    @Test
    void theServersAddressInABrowserLeadsToTheStatusPageNotToAnApiError() throws Exception {
        HttpResponse<String> root = get("/", null);

        assertThat(root.statusCode()).isEqualTo(303);
        assertThat(root.headers().firstValue("Location")).hasValue("/status");
    }

    @Test
    void statusPageComesFromTheJarWithAStrictContentPolicy() throws Exception {
        HttpResponse<String> page = get("/status", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(p ->
                assertThat(p).contains("script-src 'self'").contains("frame-ancestors 'none'"));
        assertThat(page.body()).contains("/status/status.js").doesNotContain("http://").doesNotContain("https://");
        assertThat(get("/status/status.js", null).statusCode()).isEqualTo(200);
        assertThat(get("/status/status.css", null).body()).contains(".chart");
        assertThat(get("/status/other.js", null).statusCode()).isEqualTo(404);
    }

    @Test
    void statusShowsAggregatesToAnybodyOwnWorksToUsersAndErrorsToAdministrators() throws Exception {
        JsonNode anonymous = Json.mapper().readTree(get("/api/v1/status", null).body());
        assertThat(anonymous.get("grid").get("charts").get("hosts").asText()).startsWith("<svg");
        assertThat(anonymous.has("you")).isFalse();
        assertThat(anonymous.has("queue")).isFalse();
        assertThat(anonymous.has("admin")).isFalse();

        JsonNode scientist = Json.mapper().readTree(get("/api/v1/status", scientistToken).body());
        assertThat(scientist.get("you").get("login").asText()).isEqualTo("scientist");
        assertThat(scientist.has("admin")).isFalse();

        JsonNode admin = Json.mapper().readTree(get("/api/v1/status?window=day", adminToken).body());
        assertThat(admin.get("grid").get("server").get("window").asText()).isEqualTo("day");
        assertThat(admin.get("admin").get("database").asText()).startsWith("H2");
        assertThat(admin.get("admin").get("errors").isArray()).isTrue();
        assertThat(get("/api/v1/status", "not-a-token").statusCode()).isEqualTo(401);
        // A window it does not know is said so, not answered silently for the hour.
        HttpResponse<String> year = get("/api/v1/status?window=year", adminToken);
        assertThat(year.statusCode()).isEqualTo(400);
        assertThat(year.body()).contains("bad-window").contains("window=hour or window=day");
    }
}
