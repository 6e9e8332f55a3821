package xtremweb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import xtremweb.common.config.XwConfig;
import xtremweb.common.http.PinnedTrust;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.model.UserRights;
import xtremweb.common.wire.DataCreate;
import xtremweb.common.wire.DataView;
import xtremweb.common.wire.HostCredential;
import xtremweb.common.wire.HostRegistration;
import xtremweb.common.wire.HostView;
import xtremweb.common.wire.LoginRequest;
import xtremweb.common.wire.TokenResponse;
import xtremweb.common.wire.UserCreate;
import xtremweb.common.wire.UserView;

/**
 * Bad input over real HTTPS, each case one the server once answered with a 5xx, an HTML page, or a
 * silent success: every one now gets a 4xx problem+json saying what to fix, and nothing changes.
 */
class BadInputApiTest {
    private static final String PASSWORD = "correct-horse-1";
    private static final String JSON = "application/json";

    @TempDir
    static Path home;
    static XtremWebServer server;
    static RawHttps http;
    static SSLContext tls;
    static String adminToken;
    static String aliceToken;
    static String workerToken;
    static HostCredential host;

    @BeforeAll
    static void start() throws Exception {
        XwConfig config = XwConfig.of(Map.of("port.https", "0", "path.home", "var",
                "XWkeyStore", "var/keystore/xwserver.p12"), "test", home);
        server = XtremWebServer.start(ServerConfig.from(config));
        Properties credentials = new Properties();
        try (InputStream in = Files.newInputStream(server.credentialsFile())) {
            credentials.load(in);
        }
        tls = PinnedTrust.sslContext(PinnedTrust.readPem(Path.of(credentials.getProperty("server.certificate"))));
        http = new RawHttps(server.port(), tls);
        XwHttpClient admin = client();
        adminToken = token(admin, credentials.getProperty("admin.login"), credentials.getProperty("admin.password"));
        admin.post("/api/v1/users", new UserCreate("alice", PASSWORD, null, UserRights.STANDARD_USER, null), UserView.class);
        admin.post("/api/v1/users", new UserCreate("pubworker", PASSWORD, null, UserRights.WORKER_USER, null), UserView.class);
        aliceToken = token(client(), "alice", PASSWORD);
        XwHttpClient worker = client();
        token(worker, "pubworker", PASSWORD);
        host = worker.post("/api/v1/worker/register", new HostRegistration(null, "pc-1", "linux", "amd64", 2, 1L << 30, "21"),
                HostCredential.class);
        workerToken = host.hostToken();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static XwHttpClient client() {
        return new XwHttpClient(XwHttpClient.serverUri("127.0.0.1", server.port()),
                PinnedTrust.readPem(server.certificateFile()));
    }

    private static XwHttpClient client(String token) {
        XwHttpClient client = client();
        client.token(token);
        return client;
    }

    private static String token(XwHttpClient client, String login, String password) {
        String token = client.post("/api/v1/login", new LoginRequest(login, password), TokenResponse.class).token();
        client.token(token);
        return token;
    }

    private static RawHttps.Answer call(String method, String target, String token, String body) throws IOException {
        Map<String, String> headers = token == null ? Map.of("Content-Type", JSON)
                : Map.of("Content-Type", JSON, "Authorization", "Bearer " + token);
        return http.send(method, target, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /** A refusal: this status, problem+json with a code and a detail containing {@code detailPart}. */
    private static void refused(RawHttps.Answer answer, int status, String code, String detailPart) throws IOException {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("content-type")).as(answer.toString()).startsWith("application/problem+json");
        assertThat(answer.json().path("code").asText()).as(answer.toString()).isEqualTo(code);
        assertThat(answer.json().path("detail").asText()).as(answer.toString()).contains(detailPart);
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST /api/v1/login", "POST /api/v1/datas", "POST /api/v1/works", "POST /api/v1/works/batch",
            "POST /api/v1/sessions", "POST /api/v1/users", "POST /api/v1/apps", "POST /api/v1/worker/register"})
    void aNullBodyIsA400NotA500(String call) throws IOException {
        String[] parts = call.split(" ");
        refused(call(parts[0], parts[1], parts[1].endsWith("login") ? null : adminToken, "null"), 400, "bad-request",
                "must be one JSON object");
    }

    @Test
    void everyAnswerTellsBrowsersToStayOnHttpsAndNotToSniffTheContentType() throws IOException {
        RawHttps.Answer me = call("GET", "/api/v1/users/me", aliceToken, null);
        RawHttps.Answer refused = call("GET", "/api/v1/datas/0b6c1a0e-6f7e-4c55-9d0a-2f1d8c3b4a59", aliceToken, null);
        RawHttps.Answer noSuchPath = call("GET", "/api/v1/nothing-here", aliceToken, null);
        RawHttps.Answer refusedByJetty = call("GET", "/api/v1/datas/a%2Fb", aliceToken, null);
        assertThat(refusedByJetty.status()).as(refusedByJetty.toString()).isEqualTo(400);
        for (RawHttps.Answer answer : List.of(me, refused, noSuchPath, refusedByJetty)) {
            assertThat(answer.header("strict-transport-security")).as(answer.toString()).startsWith("max-age=");
            assertThat(answer.header("x-content-type-options")).as(answer.toString()).isEqualTo("nosniff");
        }
    }

    @Test
    void aHeartbeatNamingSomethingThatIsNotATaskUidIsRefusedNotEchoedBack() throws IOException {
        refused(call("POST", "/api/v1/worker/heartbeat", workerToken, "{\"runningTaskUids\": [\"<script>alert(1)</script>\"]}"),
                400, "bad-uid", "runningTaskUids[0]");
        String valid = "\"0b6c1a0e-6f7e-4c55-9d0a-2f1d8c3b4a59\"";
        refused(call("POST", "/api/v1/worker/heartbeat", workerToken, "{\"runningTaskUids\": [" + valid + ", null]}"),
                400, "bad-request", "not a valid Heartbeat");
        refused(call("POST", "/api/v1/worker/heartbeat", workerToken, "{\"runningTaskUids\": [" + valid + ", \"1\"]}"),
                400, "bad-uid", "runningTaskUids[1] is '1'");
        RawHttps.Answer fine = call("POST", "/api/v1/worker/heartbeat", workerToken,
                "{\"runningTaskUids\": [" + valid + ", " + valid.toUpperCase(java.util.Locale.ROOT) + "]}");
        assertThat(fine.status()).as(fine.toString()).isEqualTo(200);
        assertThat(fine.json().path("cancelTaskUids").size()).as(fine.toString()).isEqualTo(1);
    }

    @Test
    void aGoodbyeKeepingSomethingThatIsNotATaskUidIsRefusedAndChangesNothing() throws IOException {
        refused(call("POST", "/api/v1/worker/goodbye", workerToken, "{\"keptTaskUids\": [\"../../etc\"]}"),
                400, "bad-uid", "keptTaskUids[0]");
        String many = String.join(",", java.util.Collections.nCopies(1025, "\"0b6c1a0e-6f7e-4c55-9d0a-2f1d8c3b4a59\""));
        refused(call("POST", "/api/v1/worker/goodbye", workerToken, "{\"keptTaskUids\": [" + many + "]}"),
                400, "too-many-tasks", "1025");
        // Still registered and alive: the refused goodbyes did not mark the host gone.
        RawHttps.Answer alive = call("POST", "/api/v1/worker/heartbeat", workerToken, "{\"runningTaskUids\": []}");
        assertThat(alive.status()).as(alive.toString()).isEqualTo(200);
    }

    @Test
    void aHeartbeatNamingMoreTasksThanAWorkerCanRunIsRefusedBeforeAnyLookup() throws IOException {
        // One lookup per named task in one transaction: 200,000 one-character "UIDs" fit in the 1 MiB body.
        String many = String.join(",", java.util.Collections.nCopies(1025, "\"0b6c1a0e-6f7e-4c55-9d0a-2f1d8c3b4a59\""));
        refused(call("POST", "/api/v1/worker/heartbeat", workerToken, "{\"runningTaskUids\": [" + many + "]}"),
                400, "too-many-tasks", "1025");
    }

    @Test
    void aNullBodyOnAWorkerCallIsA400() throws IOException {
        refused(call("POST", "/api/v1/worker/workrequest", workerToken, "null"), 400, "bad-request", "one JSON object");
        refused(call("POST", "/api/v1/worker/heartbeat", workerToken, "null"), 400, "bad-request", "one JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /api/v1/sessions", "GET /api/v1/works", "DELETE /api/v1/sessions", "PATCH /api/v1/works"})
    void aBodyNobodyReadsIsReadAndDroppedSoTheAnswerAndTheConnectionSurvive(String call) throws IOException {
        // A client writing its whole body before reading (most do) lost the answer: the server
        // answered without reading the body, then closed the connection on the unread bytes.
        String[] parts = call.split(" ");
        byte[] body = ("{\"x\":\"" + "y".repeat(4 << 20) + "\"}").getBytes(StandardCharsets.UTF_8);
        List<RawHttps.Answer> answers = http.sendWholeThenAgain(parts[0], parts[1],
                Map.of("Content-Type", JSON, "Authorization", "Bearer " + aliceToken), body, "GET /api/v1/sessions");
        assertThat(answers.get(0).status()).as(answers.get(0).toString()).isIn(200, 405);
        assertThat(answers.get(1).status()).as("the next request on the same connection").isEqualTo(200);
    }

    @Test
    void aQueryParameterGivenTwiceIsRefusedRatherThanHalfAnswered() throws IOException {
        refused(call("GET", "/api/v1/works?status=PENDING&status=RUNNING", aliceToken, null), 400, "bad-request",
                "gives 'status' 2 times; give it once");
        assertThat(call("GET", "/api/v1/works?status=PENDING", aliceToken, null).status()).isEqualTo(200);
    }

    @Test
    void anUndecodableQueryIsA400EvenWithoutAToken() throws IOException {
        refused(call("GET", "/api/v1/works?x=%ff", null, null), 400, "bad-request", "percent-encoded UTF-8");
        refused(call("GET", "/api/v1/works?status=%ff%fe", aliceToken, null), 400, "bad-request", "percent-encoded UTF-8");
    }

    @Test
    void dataAfterTheJsonObjectIsRefused() throws IOException {
        refused(call("POST", "/api/v1/login", null, "{\"login\":\"alice\",\"password\":\"" + PASSWORD + "\"}}}x"), 400,
                "bad-request", "malformed JSON");
        refused(call("POST", "/api/v1/login", null, "{\"login\":\"alice\",\"password\":\"" + PASSWORD + "\"} {}"), 400,
                "bad-request", "more after its JSON object");
    }

    /** A JSON body is UTF-8 (RFC 8259): other bytes are refused as such, not as a field that "is not valid here". */
    @ParameterizedTest
    @ValueSource(strings = {"C3 28", "FF", "C0 AF", "ED A0 80", "E2 82"})
    void aBodyThatIsNotUtf8IsA400SayingSoAndCreatesNothing(String bytes) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"name\": \"run-".getBytes(StandardCharsets.US_ASCII));
        for (String b : bytes.split(" ")) {
            body.write(Integer.parseInt(b, 16));
        }
        body.writeBytes("-1\"}".getBytes(StandardCharsets.US_ASCII));
        RawHttps.Answer answer = http.send("POST", "/api/v1/sessions",
                Map.of("Content-Type", JSON, "Authorization", "Bearer " + aliceToken), body.toByteArray());
        refused(answer, 400, "bad-request", "the body is not valid UTF-8 JSON");
        assertThat(answer.json().path("detail").asText()).as(answer.toString())
                .contains("byte 14 (0x" + bytes.substring(0, 2) + ")").contains("encode the JSON in UTF-8");
        assertThat(call("GET", "/api/v1/sessions", aliceToken, null).json()).isEmpty();
    }

    @Test
    void aBareStringDoesNotCreateASession() throws IOException {
        refused(call("POST", "/api/v1/sessions", aliceToken, "\"x\""), 400, "bad-request", "one JSON object");
        assertThat(call("GET", "/api/v1/sessions", aliceToken, null).json()).isEmpty();
    }

    @Test
    void anEmptyActivationDoesNotSwitchTheHostOff() throws IOException {
        refused(call("PUT", "/api/v1/hosts/" + host.hostUid() + "/activation", adminToken, "{}"), 400, "bad-request",
                "field 'enabled' is required");
        refused(call("PUT", "/api/v1/hosts/" + host.hostUid() + "/activation", adminToken, "{\"enabled\": \"false\"}"), 400,
                "bad-request", "field 'enabled' must be true or false");
        assertThat(client(adminToken).get("/api/v1/hosts", HostView[].class)).allSatisfy(h -> assertThat(h.enabled()).isTrue());
    }

    @Test
    void aHostNamedWithAPercentSignIsSwitchedOffAndOnByItsName() throws IOException {
        // A volunteer names their machine freely (host.name); the client sends '%' as %25, which Jetty
        // refused by default as an "ambiguous URI path encoding", so such a host could not be named.
        XwHttpClient worker = client();
        token(worker, "pubworker", PASSWORD);
        HostCredential percent = worker.post("/api/v1/worker/register",
                new HostRegistration(null, "lab%1", "linux", "amd64", 2, 1L << 30, "21"), HostCredential.class);
        RawHttps.Answer off = call("PUT", "/api/v1/hosts/lab%251/activation", adminToken, "{\"enabled\": false}");
        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        assertThat(off.json().path("uid").asText()).isEqualTo(percent.hostUid());
        assertThat(off.json().path("enabled").asBoolean()).isFalse();
        RawHttps.Answer on = call("PUT", "/api/v1/hosts/lab%251/activation", adminToken, "{\"enabled\": true}");
        assertThat(on.status()).as(on.toString()).isEqualTo(200);
        assertThat(on.json().path("enabled").asBoolean()).isTrue();
        // Still refused: an encoded '/' would change which path a name stands for.
        refused(call("GET", "/api/v1/apps/a%2Fb", adminToken, null), 400, "bad-request", "encoded '/'");
    }

    @Test
    void aDecimalIsNotAWholeNumber() throws IOException {
        refused(call("POST", "/api/v1/worker/workrequest", workerToken, "{\"waitSeconds\": 1.5}"), 400, "bad-request",
                "field 'waitSeconds'");
    }

    @Test
    void anAbsurdDeclaredSizeIsRefusedAndTheOwnersNextUploadsStillWork() throws IOException {
        client(adminToken).post("/api/v1/users", new UserCreate("carol", PASSWORD, null, UserRights.STANDARD_USER, null),
                UserView.class);
        String carol = token(client(), "carol", PASSWORD);
        // Accepted before: the sum of carol's sizes then overflowed, and each upload of hers failed with a 500.
        refused(call("POST", "/api/v1/datas", carol, "{\"name\":\"x\",\"size\":" + Long.MAX_VALUE + "}"), 400, "bad-request",
                "1 PiB");
        refused(call("POST", "/api/v1/datas", carol, "{\"name\":\"x\",\"size\":" + (DataCreate.LARGEST + 1) + "}"), 400,
                "bad-request", "at most " + DataCreate.LARGEST + " bytes");

        DataView small = client(carol).post("/api/v1/datas", new DataCreate("small", null, null, null, 5L, null, null), DataView.class);
        RawHttps.Answer upload = http.send("PUT", "/api/v1/datas/" + small.uid() + "/content",
                Map.of("Authorization", "Bearer " + carol), "12345".getBytes(StandardCharsets.UTF_8));
        assertThat(upload.status()).isEqualTo(200);
    }

    @Test
    void aLoginDifferingOnlyByCaseFromAnotherIsTaken() throws IOException {
        RawHttps.Answer shouting = call("POST", "/api/v1/users", adminToken,
                "{\"login\":\"ALICE\",\"password\":\"" + PASSWORD + "\",\"rights\":\"STANDARD_USER\"}");
        refused(shouting, 409, "conflict", "differ only by case");
    }

    @Test
    void aHostTokenInsertingIsToldToUseAUserAccountNotItsOwnLevel() throws IOException {
        // alice (STANDARD_USER) runs a worker of her own: its host token was told "a STANDARD_USER account
        // cannot submit works; use a STANDARD_USER account".
        XwHttpClient alice = client(aliceToken);
        String aliceHost = alice.post("/api/v1/worker/register", new HostRegistration(null, "alice-pc", "linux", "amd64", 2,
                1L << 30, "21"), HostCredential.class).hostToken();
        refused(call("POST", "/api/v1/works", aliceHost, "{\"app\":\"x\"}"), 403, "forbidden",
                "a host token cannot insert works; log in with a user account");
        refused(call("POST", "/api/v1/datas", aliceHost, "{\"name\":\"d\"}"), 403, "forbidden", "a host token cannot insert data");
    }

    @Test
    void jsonNestedTooDeeplyIsRefusedInWordsNotInJacksonsNames() throws IOException {
        RawHttps.Answer answer = call("POST", "/api/v1/datas", aliceToken, "{\"name\":\"n\",\"a\":" + "{\"a\":".repeat(5000) + "1" + "}".repeat(5001));
        refused(answer, 400, "bad-request", "nested too deeply");
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).doesNotContain("StreamReadConstraints").doesNotContain("Jackson");
    }

    @Test
    void aStringLongerThanItsColumnIsRefusedBeforeAnySql() throws IOException {
        refused(call("POST", "/api/v1/datas", aliceToken, "{\"name\":\"" + "n".repeat(256) + "\"}"), 400, "bad-request",
                "field 'name' is 256 characters long; at most 255 are allowed");
        refused(call("POST", "/api/v1/datas", aliceToken, "{\"name\":\"d\",\"os\":\"" + "o".repeat(51) + "\"}"), 400,
                "bad-request", "field 'os' is 51 characters long; at most 50");
        refused(call("POST", "/api/v1/datas", aliceToken, "{\"name\":\"d\",\"type\":\"" + "t".repeat(51) + "\"}"), 400,
                "bad-request", "field 'type'");
        refused(call("POST", "/api/v1/works", aliceToken, "{\"app\":\"none\",\"label\":\"" + "l".repeat(256) + "\"}"), 400,
                "bad-request", "field 'label' is 256 characters long");
        assertThat(call("GET", "/api/v1/datas", aliceToken, null).json()).isEmpty();
    }

    @Test
    void anyWorkerAccountCannotRegisterAHostWithOverlongFields() throws IOException {
        String pubworker = token(client(), "pubworker", PASSWORD);
        String registration = "{\"name\":\"%s\",\"os\":\"%s\",\"cpu\":\"%s\",\"cpuCount\":1,\"memoryBytes\":1,\"javaVersion\":\"%s\"}";
        refused(call("POST", "/api/v1/worker/register", pubworker, registration.formatted("h".repeat(256), "linux", "amd64", "21")),
                400, "bad-request", "field 'name' is 256 characters long; at most 255");
        refused(call("POST", "/api/v1/worker/register", pubworker, registration.formatted("h", "linux" + "x".repeat(50), "amd64", "21")),
                400, "bad-request", "field 'os'");
        refused(call("POST", "/api/v1/worker/register", pubworker, registration.formatted("h", "linux", "c".repeat(51), "21")),
                400, "bad-request", "field 'cpu'");
        refused(call("POST", "/api/v1/worker/register", pubworker, registration.formatted("h", "linux", "amd64", "j".repeat(51))),
                400, "bad-request", "field 'javaVersion'");
        refused(call("POST", "/api/v1/worker/register", pubworker, registration.formatted("pc\\nforged log line", "linux", "amd64", "21")),
                400, "bad-request", "control character");
    }

    @Test
    void controlCharactersInAMachinesDescriptionAreRefusedAndNeverListed() throws IOException {
        String inventory = "{\"osName\":\"Linux\",\"osVersion\":\"%s\",\"cpuArch\":\"amd64\",\"cpuModel\":\"%s\",\"cpuCores\":2,"
                + "\"cpuMhz\":1,\"memoryTotal\":1,\"memoryAvailable\":1,\"diskFree\":1,\"javaVersion\":\"%s\"}";
        refused(call("POST", "/api/v1/worker/heartbeat", workerToken, "{\"inventory\":"
                + inventory.formatted("6.1\\nERROR forged line", "cpu", "21") + "}"), 400, "bad-request",
                "field 'inventory.osVersion' contains a control character (U+000A at position 3); remove it");
        refused(call("POST", "/api/v1/worker/heartbeat", workerToken, "{\"inventory\":"
                + inventory.formatted("6.1", "\\u001b]0;pwned\\u0007", "21") + "}"), 400, "bad-request",
                "field 'inventory.cpuModel' contains a control character (U+001B");
        refused(call("POST", "/api/v1/worker/heartbeat", workerToken, "{\"inventory\":"
                + inventory.formatted("6.1", "cpu", "21\\u0000pwned") + "}"), 400, "bad-request", "field 'inventory.javaVersion'");
        String pubworker = token(client(), "pubworker", PASSWORD);
        refused(call("POST", "/api/v1/worker/register", pubworker, "{\"name\":\"pc-2\",\"os\":\"linux\",\"cpu\":\"amd64\","
                + "\"cpuCount\":1,\"memoryBytes\":1,\"javaVersion\":\"21\",\"inventory\":"
                + inventory.formatted("6.1", "\\u009b31mred", "21") + "}"), 400, "bad-request", "field 'inventory.cpuModel'");
        // An honest description still passes; the refused registration registered nothing.
        assertThat(call("POST", "/api/v1/worker/heartbeat", workerToken, "{\"inventory\":"
                + inventory.formatted("6.1 LTS", "AMD EPYC", "21") + "}").status()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/hosts", adminToken, null).text()).contains("pc-1").doesNotContain("pc-2");
    }

    @Test
    void aWorkLabelOverItsColumnIsRefused() throws Exception {
        XwHttpClient alice = client(aliceToken);
        DataView binary = alice.post("/api/v1/datas", new DataCreate("bin", null, null, null, null, null, null), DataView.class);
        Path file = Files.writeString(home.resolve("bin"), "#!/bin/sh\n");
        alice.upload("/api/v1/datas/" + binary.uid() + "/content", file, Map.of(), DataView.class);
        assertThat(call("POST", "/api/v1/apps", aliceToken, "{\"name\":\"labelled\",\"cpu\":\"amd64\",\"os\":\"linux\",\"binaryDataUid\":\""
                + binary.uid() + "\"}").status()).isEqualTo(201);
        refused(call("POST", "/api/v1/works", aliceToken, "{\"app\":\"labelled\",\"label\":\"" + "l".repeat(256) + "\"}"), 400,
                "bad-request", "field 'label' is 256 characters long; at most 255");
        refused(call("POST", "/api/v1/works/batch", aliceToken, "{\"common\":{\"app\":\"labelled\"},\"jobs\":[{\"label\":\"ok\"},"
                + "{\"label\":\"" + "l".repeat(300) + "\"}]}"), 400, "bad-request", "field 'jobs[1].label'");
        refused(call("POST", "/api/v1/works", aliceToken, "{\"app\":\"labelled\",\"args\":[\"a\\u0000b\"]}"), 400, "bad-request",
                "contains NUL");
        // Arguments too long: named by how they begin, not by a work UID nobody was ever given.
        RawHttps.Answer tooLong = call("POST", "/api/v1/works", aliceToken, "{\"app\":\"labelled\",\"args\":[\"start-"
                + "a".repeat(10_001) + "\"]}");
        refused(tooLong, 400, "bad-request", "the arguments beginning [\"start-aaa");
        assertThat(new String(tooLong.body(), StandardCharsets.UTF_8)).doesNotContainPattern("work '[0-9a-f]{8}-");
        assertThat(call("GET", "/api/v1/works", aliceToken, null).json()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/works/a%2fb", "/api/v1/works/%00", "/api/v1/works/a%5cb", "/api/v1/%2e%2e/api/v1/works",
            "/api/v1/works/%c0%ae%c0%ae"})
    void jettysOwnRefusalsOfAPathAreProblems(String target) throws IOException {
        RawHttps.Answer answer = call("GET", target, aliceToken, null);
        assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
        assertThat(answer.header("content-type")).as(answer.toString()).startsWith("application/problem+json");
        assertThat(answer.json().path("code").asText()).isNotBlank();
        assertThat(answer.json().path("detail").asText()).isNotBlank();
    }

    @Test
    void headersOrAUriOverTheLimitsAreProblems() throws IOException {
        refusedByJetty(http.send("GET", "/api/v1/works", Map.of("X-Big", "b".repeat(20_000)), null), 431, "headers-too-large",
                "headers are larger");
        refusedByJetty(http.send("GET", "/api/v1/works?q=" + "q".repeat(20_000), Map.of(), null), 414, "uri-too-long",
                "URL is longer");
    }

    @Test
    void aRequestThatIsNotHttpIsAProblem() throws IOException {
        refusedByJetty(http.sendRaw("GARBAGE\r\n\r\n".getBytes(StandardCharsets.US_ASCII)), 400, "bad-request", "malformed");
        refusedByJetty(http.sendRaw("GET /api/v1/works HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII)), 400, "bad-request", "malformed");
        refusedByJetty(http.sendRaw("GET /api/v1/works HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII)), 400, "bad-request", "malformed");
    }

    /** A refusal Jetty's parser makes before any handler runs: still with the headers every answer has. */
    private static void refusedByJetty(RawHttps.Answer answer, int status, String code, String detailPart) throws IOException {
        refused(answer, status, code, detailPart);
        assertThat(answer.header("strict-transport-security")).as(answer.toString()).startsWith("max-age=");
        assertThat(answer.header("x-content-type-options")).as(answer.toString()).isEqualTo("nosniff");
    }

    @Test
    void theAccessLogHidesSecretLookingQueryValues() throws Exception {
        Path log = home.resolve("var/logs/access.log");
        call("GET", "/api/v1/works?access_token=leaked-token-1&password=leaked-password-2&waitSeconds=3"
                + "&x=xwh_leaked-host-token-3&%70asswd=leaked-4", aliceToken, null);
        // Written once the answer is sent, by Jetty's own thread: the file may not even exist yet.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> Files.readString(log).contains("access_token="));
        assertThat(Files.readString(log)).doesNotContain("leaked-").contains("password=***").contains("waitSeconds=3")
                .contains("x=***").contains("%70asswd=***");
    }

    @Test
    void anUnknownRouteIs404AndAWrongMethod405WithAllow() throws IOException {
        refused(call("GET", "/api/v1/nonsense", null, null), 404, "not-found", "no such API path");
        refused(call("GET", "/api/v1/works/x/y/z", aliceToken, null), 404, "not-found", "no such API path");
        RawHttps.Answer wrongMethod = call("PATCH", "/api/v1/works", aliceToken, null);
        refused(wrongMethod, 405, "method-not-allowed", "takes GET, POST");
        assertThat(wrongMethod.header("allow")).isEqualTo("GET, POST");
        assertThat(call("PUT", "/api/v1/datas/some-uid", aliceToken, "{}").header("allow")).isEqualTo("DELETE, GET");
    }

    @Test
    void theLoginThrottlesRefusalSaysWhenToComeBack() throws IOException {
        RawHttps.Answer answer = null;
        for (int i = 0; i < 10 && (answer == null || answer.status() != 429); i++) {
            answer = call("POST", "/api/v1/login", null, "{\"login\":\"nobody-here\",\"password\":\"wrong-password\"}");
        }
        refused(answer, 429, "too-many-attempts", "try again in");
        assertThat(Long.parseLong(answer.header("retry-after"))).isPositive();
    }

    @Test
    void tls12OffersOnlyAeadSuites() throws Exception {
        assertThatThrownBy(() -> handshake("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
                "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"))
                .isInstanceOf(SSLHandshakeException.class);
        assertThat(handshake("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"))
                .contains("_GCM_");
        assertThat(handshake("TLSv1.2", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"))
                .contains("CHACHA20");
        assertThat(handshake("TLSv1.3", "TLS_AES_128_GCM_SHA256")).isEqualTo("TLS_AES_128_GCM_SHA256");
    }

    private static String handshake(String protocol, String... suites) throws IOException {
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", server.port())) {
            socket.setEnabledProtocols(new String[] {protocol});
            socket.setEnabledCipherSuites(List.of(suites).stream()
                    .filter(List.of(socket.getSupportedCipherSuites())::contains).toArray(String[]::new));
            socket.startHandshake();
            return socket.getSession().getCipherSuite();
        }
    }

    @Test
    void aClientLeavingMidUploadIsOneInfoLineAndLeavesNoFile() throws Exception {
        XwHttpClient alice = client(aliceToken);
        DataView data = alice.post("/api/v1/datas", new DataCreate("cut", null, null, null, null, null, null), DataView.class);
        try (LogCapture log = new LogCapture();
             SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(("PUT /api/v1/datas/" + data.uid() + "/content HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                    + aliceToken + "\r\nContent-Length: 10000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(new byte[300_000]);
            socket.getOutputStream().flush();
            socket.close();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> log.lines(Level.INFO).stream().anyMatch(l -> l.contains("the client went away")));
            assertThat(log.withStackTraces()).isEmpty();
            assertThat(log.lines(Level.ERROR)).isEmpty();
            assertThat(log.lines(Level.WARN)).isEmpty();
        }
        try (var left = Files.list(home.resolve("var/data/tmp"))) {
            assertThat(left).isEmpty();
        }
        assertThat(alice.get("/api/v1/datas/" + data.uid(), DataView.class).status().name()).isEqualTo("UNAVAILABLE");
    }
}
