package xtremweb.server.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.config.XwConfig;
import xtremweb.common.http.PinnedTrust;
import xtremweb.common.json.Json;
import xtremweb.server.ServerConfig;
import xtremweb.server.XtremWebServer;

/**
 * The data store over real HTTPS: integrity, ranges, resumable uploads, limits, housekeeping; on
 * the local directory here, on an S3 bucket in {@link DataTransfersOnS3Test}, which runs the same
 * tests and its own versions of those about what a killed server leaves.
 */
class DataTransfersTest {
    @TempDir
    Path temp;
    XtremWebServer server;
    HttpClient http;
    String token;

    /** The keys that choose the store (none: the local directory). */
    Map<String, String> storeConfig() {
        return Map.of();
    }

    /** How many data contents the store holds (the tmp and partial directories are bookkeeping). */
    long contentCount() throws IOException {
        return filesUnder(temp.resolve("home/data"));
    }

    @BeforeEach
    void start() throws Exception {
        Map<String, String> config = new java.util.HashMap<>(Map.of(
                "port.https", "0", "listen.address", "127.0.0.1", "path.home", temp.resolve("home").toString(),
                "XWkeyStore", temp.resolve("home/keystore/xw.p12").toString(), "data.maxSize", "2", "data.quota", "3",
                "data.housekeeping", "1"));
        config.putAll(storeConfig());
        server = XtremWebServer.start(ServerConfig.from(XwConfig.of(config, "test", temp)));
        http = HttpClient.newBuilder().sslContext(PinnedTrust.sslContext(PinnedTrust.readPem(server.certificateFile()))).build();
        Properties credentials = new Properties();
        try (Reader reader = Files.newBufferedReader(server.credentialsFile())) {
            credentials.load(reader);
        }
        token = json(send("POST", "/api/v1/login", Map.of("login", "admin", "password", credentials.getProperty("admin.password"))))
                .get("token").asText();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void corruptedUploadIsRefusedAndLeavesNoDataBehind() throws Exception {
        byte[] bytes = random(10_000);
        byte[] other = bytes.clone();
        other[5000] ^= 1;
        String uid = create("c.bin", bytes.length, sha256(bytes));
        HttpResponse<String> put = put(uid, other, null);
        assertThat(put.statusCode()).isEqualTo(422);
        assertThat(put.body()).contains("checksum-mismatch").contains("removed");
        assertThat(send("GET", "/api/v1/datas/" + uid, null).statusCode()).isEqualTo(404);
        assertThat(contentCount()).isZero();
    }

    @Test
    void downloadResumesFromARangeAndIfRangeGuardsAgainstAnotherContent() throws Exception {
        byte[] bytes = random(100_000);
        String sha = sha256(bytes);
        String uid = create("r.bin", bytes.length, sha);
        assertThat(put(uid, bytes, null).statusCode()).isEqualTo(200);

        HttpResponse<byte[]> tail = http.send(get(uid).header("Range", "bytes=40000-").header("If-Range", "\"" + sha + "\"").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.headers().firstValue("Content-Range")).hasValue("bytes 40000-99999/100000");
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(bytes, 40000, 100000));

        HttpResponse<byte[]> stale = http.send(get(uid).header("Range", "bytes=40000-").header("If-Range", "\"0000\"").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(bytes);

        HttpResponse<byte[]> beyond = http.send(get(uid).header("Range", "bytes=100000-").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(beyond.statusCode()).isEqualTo(416);
    }

    @Test
    void aRangeEndingBeforeItStartsIsIgnoredAndTheWholeContentIsSent() throws Exception {
        byte[] bytes = random(1_000);
        String uid = create("backwards.bin", bytes.length, sha256(bytes));
        assertThat(put(uid, bytes, null).statusCode()).isEqualTo(200);

        HttpResponse<byte[]> whole = http.send(get(uid).header("Range", "bytes=5-2").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Content-Range")).isEmpty();
        assertThat(whole.body()).isEqualTo(bytes);
    }

    @Test
    void aClientHoldingTheContentAlreadyIsAnswered304WithoutAByte() throws Exception {
        byte[] bytes = random(50_000);
        String sha = sha256(bytes);
        String uid = create("held.bin", bytes.length, sha);
        assertThat(put(uid, bytes, null).statusCode()).isEqualTo(200);

        // Weak comparison, any case, in a list: as RFC 9110 has a GET's If-None-Match compared.
        for (String ifNoneMatch : List.of("\"" + sha + "\"", "W/\"" + sha.toUpperCase(java.util.Locale.ROOT) + "\"",
                "\"0000\", \"" + sha + "\"", "*")) {
            HttpResponse<byte[]> held = http.send(get(uid).header("If-None-Match", ifNoneMatch).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(held.statusCode()).as(ifNoneMatch).isEqualTo(304);
            assertThat(held.body()).as(ifNoneMatch).isEmpty();
            assertThat(held.headers().firstValue("ETag")).hasValue("\"" + sha + "\"");
            assertThat(held.headers().firstValue("X-XW-SHA256")).hasValue(sha);
        }

        // Another content held (a damaged or older copy): the whole file, with its checksum.
        HttpResponse<byte[]> other = http.send(get(uid).header("If-None-Match", "\"" + sha256(random(10)) + "\"").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.body()).isEqualTo(bytes);
        assertThat(other.headers().firstValue("X-XW-SHA256")).hasValue(sha);

        // Whoever may not read the data learns nothing from a matching tag.
        assertThat(send("PUT", "/api/v1/datas/" + uid + "/rights", Map.of("rights", "0x700")).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/v1/users", Map.of("login", "stranger", "password", "a long enough password",
                "rights", "STANDARD_USER")).statusCode()).isEqualTo(201);
        String stranger = json(send("POST", "/api/v1/login", Map.of("login", "stranger", "password", "a long enough password")))
                .get("token").asText();
        HttpResponse<byte[]> refused = http.send(get(uid).setHeader("Authorization", "Bearer " + stranger)
                .header("If-None-Match", "\"" + sha + "\"").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(refused.statusCode()).isIn(403, 404);
    }

    @Test
    void aUsersOwnDataIsListedHoweverManyOthersInsertedSince() throws Exception {
        assertThat(send("POST", "/api/v1/users", Map.of("login", "bob", "password", "a long enough password",
                "rights", "STANDARD_USER")).statusCode()).isEqualTo(201);
        String admin = token;
        token = json(send("POST", "/api/v1/login", Map.of("login", "bob", "password", "a long enough password"))).get("token").asText();
        String bobs = create("bob.txt", -1, null);
        token = admin;
        // More of the administrator's private data since than one listing holds (1,000).
        for (int i = 0; i < 1001; i++) {
            assertThat(send("POST", "/api/v1/datas", Map.of("name", "a" + i, "accessRights", "0x700")).statusCode()).isEqualTo(201);
        }
        token = json(send("POST", "/api/v1/login", Map.of("login", "bob", "password", "a long enough password"))).get("token").asText();

        JsonNode listed = json(send("GET", "/api/v1/datas", null));

        // Before, bob's listing was the latest 1,000 of everybody's, filtered: empty.
        assertThat(listed).extracting(d -> d.get("uid").asText()).containsExactly(bobs);
    }

    @Test
    void uploadResumesWherePiecesStoppedAndChecksTheWhole() throws Exception {
        byte[] bytes = random(300_000);
        String uid = create("p.bin", bytes.length, sha256(bytes));
        assertThat(put(uid, Arrays.copyOfRange(bytes, 0, 120_000), "bytes 0-119999/300000").statusCode()).isEqualTo(200);
        assertThat(json(send("GET", "/api/v1/datas/" + uid + "/upload-offset", null)).get("offset").asLong()).isEqualTo(120_000);

        HttpResponse<String> gap = put(uid, Arrays.copyOfRange(bytes, 200_000, 300_000), "bytes 200000-299999/300000");
        assertThat(gap.statusCode()).isEqualTo(409);
        assertThat(gap.body()).contains("resume from byte 120000");

        HttpResponse<String> last = put(uid, Arrays.copyOfRange(bytes, 120_000, 300_000), "bytes 120000-299999/300000");
        assertThat(last.statusCode()).isEqualTo(200);
        assertThat(last.body()).contains("AVAILABLE");
        assertThat(http.send(get(uid).build(), HttpResponse.BodyHandlers.ofByteArray()).body()).isEqualTo(bytes);
    }

    @Test
    void oversizedDataAndOverQuotaAreRefusedBeforeAnyByteIsSent() throws Exception {
        HttpResponse<String> big = send("POST", "/api/v1/datas", Map.of("name", "big", "size", 3L * 1024 * 1024));
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(big.body()).contains("data.maxSize");

        String first = create("a", 2L * 1024 * 1024, null);
        HttpResponse<String> over = send("POST", "/api/v1/datas", Map.of("name", "b", "size", 2L * 1024 * 1024));
        assertThat(over.statusCode()).isEqualTo(507);
        assertThat(over.body()).contains("quota-exceeded").contains("xwrm");

        String undeclared = create("u", -1, null);
        HttpResponse<String> tooLong = put(undeclared, new byte[2 * 1024 * 1024], null);
        assertThat(tooLong.statusCode()).isEqualTo(507);
        assertThat(first).isNotBlank();
    }

    @Test
    void uploadsSentSideBySideDoNotStoreAQuotaEach() throws Exception {
        // Quota 3 MiB: two uploads of 2 MiB each, both started while the owner uses nothing.
        byte[] bytes = random(2 * 1024 * 1024);
        String slow = create("slow", -1, null);
        String quick = create("quick", -1, null);
        try (SSLSocket socket = (SSLSocket) PinnedTrust.sslContext(PinnedTrust.readPem(server.certificateFile()))
                .getSocketFactory().createSocket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /api/v1/datas/" + slow + "/content HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer "
                    + token + "\r\nContent-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, 0, bytes.length / 2);
            out.flush();
            // The other upload ends meanwhile: the owner now uses 2 MiB of its 3.
            assertThat(put(quick, bytes, null).statusCode()).isEqualTo(200);
            out.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 507").contains("quota-exceeded").contains("data.quota");
        }
        assertThat(json(send("GET", "/api/v1/datas/" + slow, null)).get("status").asText()).isEqualTo("UNAVAILABLE");
        assertThat(contentCount()).isEqualTo(1);
    }

    @Test
    void unfinishedResumableUploadsOfDataWithoutADeclaredSizeCountAgainstTheQuota() throws Exception {
        // Quota 3 MiB. Each upload announces 2 MiB and sends all but its last half MiB, never ending:
        // counted only once finished, every one of them passed the quota alone and its pieces stayed.
        byte[] bytes = random(2 * 1024 * 1024);
        byte[] piece = Arrays.copyOf(bytes, 3 * 512 * 1024);
        String range = "bytes 0-" + (piece.length - 1) + "/" + bytes.length;
        String first = create("first", -1, null);
        assertThat(put(first, piece, range).statusCode()).isEqualTo(200);

        String second = create("second", -1, null);
        HttpResponse<String> over = put(second, piece, range);
        assertThat(over.statusCode()).as(over.body()).isEqualTo(507);
        assertThat(over.body()).contains("quota-exceeded").contains("data.quota");
        assertThat(json(send("GET", "/api/v1/datas/" + second + "/upload-offset", null)).get("offset").asLong()).isZero();

        // The refused upload counts for nothing: 1 MiB still fits beside the first one's 2.
        assertThat(send("POST", "/api/v1/datas", Map.of("name", "small", "size", 1024 * 1024)).statusCode()).isEqualTo(201);
        // And the first one ends as it began.
        HttpResponse<String> last = put(first, Arrays.copyOfRange(bytes, piece.length, bytes.length),
                "bytes " + piece.length + "-" + (bytes.length - 1) + "/" + bytes.length);
        assertThat(last.statusCode()).as(last.body()).isEqualTo(200);
        assertThat(json(last).get("status").asText()).isEqualTo("AVAILABLE");
    }

    @Test
    void deletedDataIsSweptFromDiskByHousekeeping() throws Exception {
        byte[] bytes = random(50_000);
        String uid = create("d.bin", bytes.length, sha256(bytes));
        put(uid, bytes, null);
        assertThat(contentCount()).isEqualTo(1);
        assertThat(send("DELETE", "/api/v1/datas/" + uid, null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/v1/datas/" + uid, null).statusCode()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(contentCount()).isZero());
    }

    @Test
    void plainUploadCutMidBodyKeepsItsDataSoTheSameUidCanBeUploadedAgain() throws Exception {
        byte[] bytes = random(200_000);
        String uid = create("cut.bin", bytes.length, sha256(bytes));
        try (SSLSocket socket = (SSLSocket) PinnedTrust.sslContext(PinnedTrust.readPem(server.certificateFile()))
                .getSocketFactory().createSocket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /api/v1/datas/" + uid + "/content HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, 0, 80_000);
            out.flush();
            // Gone mid-body, as a client whose machine or network dies: the socket closes unannounced.
            socket.setSoLinger(true, 0);
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(contentCount()).isZero());
        HttpResponse<String> after = send("GET", "/api/v1/datas/" + uid, null);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(json(after).get("status").asText()).isEqualTo("UNAVAILABLE");
        assertThat(json(send("GET", "/api/v1/datas/" + uid + "/upload-offset", null)).get("offset").asLong()).isZero();

        HttpResponse<String> again = put(uid, bytes, null);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(json(again).get("sha256").asText()).isEqualTo(sha256(bytes));
        assertThat(http.send(get(uid).build(), HttpResponse.BodyHandlers.ofByteArray()).body()).isEqualTo(bytes);
    }

    @Test
    void uploadFilesLeftByAKilledServerGoAtStartButAResumableUploadKeepsWhatItReceived() throws Exception {
        byte[] bytes = random(300_000);
        String resumable = create("r.bin", bytes.length, sha256(bytes));
        assertThat(put(resumable, Arrays.copyOfRange(bytes, 0, 100_000), "bytes 0-99999/300000").statusCode()).isEqualTo(200);
        String deleted = create("gone.bin", bytes.length, sha256(bytes));
        assertThat(put(deleted, Arrays.copyOfRange(bytes, 0, 100_000), "bytes 0-99999/300000").statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/api/v1/datas/" + deleted, null).statusCode()).isEqualTo(204);
        server.close();
        Path data = temp.resolve("home/data");
        Files.write(data.resolve("tmp/upload-1234.part"), new byte[5000]);
        Files.write(data.resolve("tmp/upload-5678.part"), new byte[0]);
        Files.write(data.resolve("partial/" + java.util.UUID.randomUUID()), new byte[700]);
        Files.write(data.resolve("partial/not a uid"), new byte[7]);

        start();

        assertThat(data.resolve("tmp")).isEmptyDirectory();
        try (Stream<Path> partials = Files.list(data.resolve("partial"))) {
            assertThat(partials.map(p -> p.getFileName().toString())).containsExactly(resumable);
        }
        assertThat(json(send("GET", "/api/v1/datas/" + resumable + "/upload-offset", null)).get("offset").asLong())
                .isEqualTo(100_000);
        HttpResponse<String> rest = put(resumable, Arrays.copyOfRange(bytes, 100_000, 300_000), "bytes 100000-299999/300000");
        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(200);
        assertThat(data.resolve("partial")).isEmptyDirectory();
        assertThat(http.send(get(resumable).build(), HttpResponse.BodyHandlers.ofByteArray()).body()).isEqualTo(bytes);
    }

    @Test
    void aResumableUploadWholeOnDiskButNotRecordedIsFinishedByAnyPieceSentAgain() throws Exception {
        byte[] bytes = random(90_000);
        String uid = create("whole.bin", bytes.length, sha256(bytes));
        // As a server killed after the last piece was written and before its row changed leaves it.
        Files.write(temp.resolve("home/data/partial/" + uid), bytes);
        assertThat(json(send("GET", "/api/v1/datas/" + uid + "/upload-offset", null)).get("offset").asLong()).isEqualTo(90_000);

        HttpResponse<String> last = put(uid, Arrays.copyOfRange(bytes, 89_999, 90_000), "bytes 89999-89999/90000");
        assertThat(last.statusCode()).as(last.body()).isEqualTo(200);
        assertThat(json(last).get("status").asText()).isEqualTo("AVAILABLE");
        assertThat(http.send(get(uid).build(), HttpResponse.BodyHandlers.ofByteArray()).body()).isEqualTo(bytes);
        assertThat(temp.resolve("home/data/partial")).isEmptyDirectory();
    }

    @Test
    void aResumableUploadRenamedIntoPlaceButNotRecordedCountsAsWholeAndIsFinishedByAPieceSentAgain() throws Exception {
        byte[] bytes = random(70_000);
        String uid = create("renamed.bin", bytes.length, sha256(bytes));
        // A server killed between renaming the complete partial into place and recording it.
        Path content = temp.resolve("home/data/" + uid.substring(0, 2) + "/" + uid);
        Files.createDirectories(content.getParent());
        Files.write(content, bytes);
        assertThat(json(send("GET", "/api/v1/datas/" + uid + "/upload-offset", null)).get("offset").asLong()).isEqualTo(70_000);

        HttpResponse<String> last = put(uid, Arrays.copyOfRange(bytes, 69_999, 70_000), "bytes 69999-69999/70000");
        assertThat(last.statusCode()).as(last.body()).isEqualTo(200);
        assertThat(json(last).get("status").asText()).isEqualTo("AVAILABLE");
        assertThat(http.send(get(uid).build(), HttpResponse.BodyHandlers.ofByteArray()).body()).isEqualTo(bytes);
    }

    String create(String name, long size, String sha) throws Exception {
        var body = new java.util.HashMap<String, Object>();
        body.put("name", name);
        if (size >= 0) {
            body.put("size", size);
        }
        if (sha != null) {
            body.put("sha256", sha);
        }
        HttpResponse<String> created = send("POST", "/api/v1/datas", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("uid").asText();
    }

    HttpResponse<String> put(String uid, byte[] bytes, String contentRange) throws Exception {
        // As the client library does: the server may refuse before the body is sent.
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/api/v1/datas/" + uid + "/content")).expectContinue(true)
                .header("Authorization", "Bearer " + token).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (contentRange != null) {
            b.header("Content-Range", contentRange);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder get(String uid) {
        return HttpRequest.newBuilder(uri("/api/v1/datas/" + uid + "/content")).header("Authorization", "Bearer " + token);
    }

    HttpResponse<String> send(String method, String path, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body)));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("https://127.0.0.1:" + server.port() + path);
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.mapper().readTree(response.body());
    }

    static byte[] random(int n) {
        byte[] bytes = new byte[n];
        new Random(n).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Content files only: the tmp and partial directories are bookkeeping. */
    private static long filesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
