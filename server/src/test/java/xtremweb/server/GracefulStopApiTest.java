package xtremweb.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.http.PinnedTrust;
import xtremweb.common.json.Json;
import xtremweb.common.wire.DataCreate;
import xtremweb.common.wire.DataView;

/**
 * A stop (SIGTERM, xtremweb.server stop) lets what is under way finish and turns new callers away
 * with a 503 they know to retry. Jetty was stopped at once: an upload (a result, a data) half
 * sent when the operator restarted the server was cut, and /ready never said the server was going.
 */
class GracefulStopApiTest {
    @TempDir
    Path home;

    /** The uploads the server is receiving now, as its metrics show them. */
    private static double uploadsHeld(ApiServer api, HttpClient http, URI base) throws Exception {
        HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(base.resolve("/metrics"))
                .header("Authorization", "Bearer " + api.token("admin")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).as(scrape.body()).isEqualTo(200);
        return xtremweb.server.metrics.PrometheusText.parse(scrape.body()).value("xtremweb_http_uploads_held");
    }

    @Test
    void anUploadUnderWayWhenTheServerStopsIsTakenWhileNewRequestsGet503Stopping() throws Exception {
        ApiServer api = ApiServer.start(home, Map.of());
        XtremWebServer server = api.server();
        CompletableFuture<Void> stopped = null;
        try {
            byte[] content = new byte[256 * 1024];
            new java.util.Random(7).nextBytes(content);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            DataView data = api.loggedIn("admin").post("/api/v1/datas",
                    new DataCreate("slow.bin", null, null, null, (long) content.length, sha, null), DataView.class);
            URI base = URI.create("https://127.0.0.1:" + server.port());
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .sslContext(PinnedTrust.sslContext(PinnedTrust.readPem(server.certificateFile()))).build();
            CountDownLatch halfSent = new CountDownLatch(1);
            CountDownLatch rest = new CountDownLatch(1);
            HttpRequest put = HttpRequest.newBuilder(base.resolve("/api/v1/datas/" + data.uid() + "/content"))
                    .header("Authorization", "Bearer " + api.token("admin"))
                    .header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(() -> new HalfThenWait(content, halfSent, rest)), content.length))
                    .build();
            CompletableFuture<HttpResponse<String>> upload = http.sendAsync(put, HttpResponse.BodyHandlers.ofString());
            assertThat(halfSent.await(20, TimeUnit.SECONDS)).isTrue();
            // The server holds the upload (it is reading its body) before the stop starts.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> uploadsHeld(api, http, base) == 1);

            stopped = CompletableFuture.runAsync(server::close);

            HttpResponse<String> ready = null;
            String failure = "no answer";
            for (long end = System.nanoTime() + Duration.ofSeconds(10).toNanos(); System.nanoTime() < end; Thread.sleep(50)) {
                try {
                    ready = http.send(HttpRequest.newBuilder(base.resolve("/ready")).timeout(Duration.ofSeconds(3)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (ready.statusCode() == 503) {
                        break;
                    }
                } catch (IOException e) {
                    failure = e.toString(); // a server that stopped answering at once
                }
            }
            assertThat(ready).as("/ready while stopping: " + failure).isNotNull();
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
            JsonNode problem = Json.mapper().readTree(ready.body());
            assertThat(problem.path("code").asText()).isEqualTo("stopping");
            assertThat(ready.headers().firstValue("Retry-After")).isPresent();
            assertThat(stopped).as("the stop waits for the upload").isNotDone();

            rest.countDown();
            HttpResponse<String> answer = upload.get(20, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            DataView taken = Json.mapper().readValue(answer.body(), DataView.class);
            assertThat(taken.status().name()).isEqualTo("AVAILABLE");
            assertThat(taken.sha256()).isEqualTo(sha);
            stopped.get(20, TimeUnit.SECONDS);
        } finally {
            if (stopped == null) {
                server.close();
            }
        }
    }

    /** The content: its first half at once, the rest once {@code rest} opens. */
    private static final class HalfThenWait extends InputStream {
        private final byte[] content;
        private final CountDownLatch halfSent;
        private final CountDownLatch rest;
        private int position;

        HalfThenWait(byte[] content, CountDownLatch halfSent, CountDownLatch rest) {
            this.content = content;
            this.halfSent = halfSent;
            this.rest = rest;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int half = content.length / 2;
            if (position == half) {
                halfSent.countDown();
                try {
                    rest.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            int end = position < half ? half : content.length;
            if (position >= end) {
                return -1;
            }
            int n = Math.min(len, end - position);
            System.arraycopy(content, position, b, off, n);
            position += n;
            return n;
        }
    }
}
