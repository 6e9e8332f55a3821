package xtremweb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.type.TypeReference;
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
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.AppCreate;
import xtremweb.common.wire.AppView;
import xtremweb.common.wire.DataCreate;
import xtremweb.common.wire.DataView;
import xtremweb.common.wire.HostView;
import xtremweb.common.wire.LoginRequest;
import xtremweb.common.wire.TokenResponse;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.common.wire.WorkView;

/**
 * The status page in a real headless Chromium against a real grid (server and worker processes):
 * it loads without a console error, its figures are the API's, its throughput chart grows as jobs
 * complete, and signing in shows one's works and, to an administrator, the errors. The screenshots
 * it takes (target/screenshots/) are the ones in the README.
 */
class StatusPageInABrowserEndToEndTest {
    private static final int JOBS = 24;

    @TempDir
    Path tmp;

    @Test
    void statusPageShowsTheGridLiveWithTheApisFiguresAndNoConsoleError() throws Exception {
        assumeTrue(Chromium.installed() || System.getenv("CI") != null,
                "needs Debian's chromium (apt-get install chromium); .ci/run installs it");
        try (Deployment grid = Deployment.create(tmp, "h2")) {
            grid.startServer("status.sample=1");
            XwHttpClient admin = new XwHttpClient(XwHttpClient.serverUri("localhost", grid.port()),
                    PinnedTrust.readPem(Path.of(grid.credential("server.certificate"))));
            admin.token(admin.post("/api/v1/login", new LoginRequest(grid.credential("admin.login"), grid.credential("admin.password")),
                    TokenResponse.class).token());
            app(admin, "apptest", Files.readAllBytes(Deployment.SOURCE_ROOT.resolve("apptest/target/apptest")));
            app(admin, "broken", "this is text, not a program\n".getBytes(StandardCharsets.UTF_8));
            grid.startWorker("worker1", 2);
            grid.startWorker("worker2", 2);

            try (Chromium browser = Chromium.start(tmp.resolve("chromium"), 1280, 900)) {
                browser.open("https://127.0.0.1:" + grid.port() + "/status");
                Awaitility.await("both hosts alive on the page").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                        .until(() -> number(browser, "t-alive") == 2);
                assertThat(attribute(browser, "chart-throughput", "sum")).isZero();

                List<String> works = new ArrayList<>();
                for (int i = 0; i < JOBS; i++) {
                    works.add(admin.post("/api/v1/works", new WorkSubmit("apptest", List.of("-s", "1", "job " + i), "page-" + i,
                            null, null), WorkView.class).uid());
                }
                works.add(admin.post("/api/v1/works", new WorkSubmit("broken", List.of(), "broken", null, null), WorkView.class).uid());

                // While the jobs run, the throughput chart grows point by point.
                Awaitility.await("the throughput chart shows completions").atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(300)).until(() -> attribute(browser, "chart-throughput", "sum") > 0);
                double midRun = attribute(browser, "chart-throughput", "points");
                Awaitility.await("every work final").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                        .until(() -> all(admin).stream().filter(w -> works.contains(w.uid())).allMatch(w -> w.status().isFinal()));
                Awaitility.await("the chart has more points").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                        .until(() -> attribute(browser, "chart-throughput", "points") > midRun);

                // Once the grid is still, the page's figures are the API's.
                Awaitility.await("the page agrees with the API").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> {
                            List<WorkView> all = all(admin);
                            assertThat(number(browser, "t-completed")).isEqualTo(count(all, WorkStatus.COMPLETED)).isEqualTo(JOBS);
                            assertThat(number(browser, "t-error")).isEqualTo(count(all, WorkStatus.ERROR)).isEqualTo(1);
                            assertThat(number(browser, "t-pending")).isEqualTo(count(all, WorkStatus.PENDING));
                            assertThat(number(browser, "t-running")).isEqualTo(count(all, WorkStatus.RUNNING)
                                    + count(all, WorkStatus.DATAREQUEST));
                            assertThat(number(browser, "t-registered"))
                                    .isEqualTo(admin.get("/api/v1/hosts", new TypeReference<List<HostView>>() { }).size());
                            assertThat(number(browser, "t-lasthour")).isEqualTo(JOBS);
                        });
                assertThat(browser.eval("document.getElementById('you').hidden").asBoolean()).as("no private panel in public").isTrue();
                // One clock on the page: the header's time is UTC on 24 hours, as the charts'.
                assertThat(browser.eval("document.getElementById('updated').textContent").asText())
                        .matches("updated [0-2][0-9]:[0-5][0-9]:[0-5][0-9] UTC");
                Files.createDirectories(screenshots());
                Files.write(screenshots().resolve("status-page.png"), browser.screenshot(1280));

                // Signing in as the administrator adds his works and the latest errors.
                browser.call("Emulation.setDeviceMetricsOverride", Map.of("width", 1280, "height", 900, "deviceScaleFactor", 1,
                        "mobile", false));
                browser.eval("document.getElementById('signin-open').click()");
                browser.eval("document.getElementById('login').value = " + js(grid.credential("admin.login")) + ";"
                        + "document.getElementById('password').value = " + js(grid.credential("admin.password")) + ";"
                        + "document.getElementById('signin-form').requestSubmit()");
                Awaitility.await("the signed-in panels").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                        .until(() -> !browser.eval("document.getElementById('errors').hidden").asBoolean()
                                && browser.eval("document.getElementById('errors-rows').rows.length").asInt() == 1);
                assertThat(browser.eval("document.getElementById('errors-rows').textContent").asText()).contains("broken");
                assertThat(browser.eval("document.getElementById('you-summary').textContent").asText())
                        .isEqualTo((JOBS + 1) + " of " + (JOBS + 1) + " finished");
                // Signed in with nothing queued, the queue card says so instead of staying blank.
                assertThat(browser.eval("document.getElementById('queue-empty').hidden").asBoolean()).as("empty queue said").isFalse();
                assertThat(browser.eval("document.getElementById('queue-public').hidden").asBoolean()).isTrue();
                Files.write(screenshots().resolve("status-page-signed-in.png"), browser.screenshot(1280));

                assertThat(browser.errors()).as("console errors, uncaught exceptions, failed loads").isEmpty();
            }
        }
    }

    private static Path screenshots() {
        return Path.of("target", "screenshots").toAbsolutePath();
    }

    private static List<WorkView> all(XwHttpClient admin) {
        return admin.get("/api/v1/works", new TypeReference<List<WorkView>>() { });
    }

    private static long count(List<WorkView> works, WorkStatus status) {
        return works.stream().filter(w -> w.status() == status).count();
    }

    /** A tile's figure as the page shows it, digits only (the page groups thousands in the reader's locale). */
    private static long number(Chromium browser, String id) throws Exception {
        String text = browser.eval("document.getElementById('" + id + "').textContent").asText().replaceAll("[^0-9]", "");
        return text.isEmpty() ? -1 : Long.parseLong(text);
    }

    private static double attribute(Chromium browser, String chart, String name) throws Exception {
        String value = browser.eval("(document.getElementById('" + chart + "') || {dataset: {}}).dataset['" + name + "'] || ''").asText();
        return value.isEmpty() ? -1 : Double.parseDouble(value);
    }

    private static String js(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static void app(XwHttpClient admin, String name, byte[] binary) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(binary));
        DataView data = admin.post("/api/v1/datas", new DataCreate(name, null, null, null, (long) binary.length, sha, null), DataView.class);
        Path file = Files.createTempFile(name, ".bin");
        Files.write(file, binary);
        admin.upload("/api/v1/datas/" + data.uid() + "/content", file, Map.of(), DataView.class);
        Files.delete(file);
        admin.post("/api/v1/apps", new AppCreate(name, System.getProperty("os.arch"), "linux", data.uid()), AppView.class);
    }
}
