package xtremweb.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import xtremweb.common.config.XwConfig;
import xtremweb.common.http.PinnedTrust;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.model.UserRights;
import xtremweb.common.wire.DataCreate;
import xtremweb.common.wire.DataView;
import xtremweb.common.wire.GroupingCreate;
import xtremweb.common.wire.GroupingView;
import xtremweb.common.wire.HostCredential;
import xtremweb.common.wire.HostRegistration;
import xtremweb.common.wire.LoginRequest;
import xtremweb.common.wire.TokenResponse;
import xtremweb.common.wire.UserCreate;
import xtremweb.common.wire.UserView;
import xtremweb.server.db.TestDatabase;
import xtremweb.server.http.Router;

/**
 * Walks every route of the server's router (as the router lists them) with malformed bodies, wrong
 * JSON types, oversized and control-character strings, bad paths, queries and headers, and path
 * parameters that are not UIDs, as nobody, a standard user, a worker host and the administrator,
 * over real HTTPS. No answer may be a 5xx, every error must be problem+json with a code and a
 * detail, the server must still answer afterwards, and its log must hold no stack trace.
 * Runs on H2, and on MariaDB when {@code XW_TEST_MARIADB_URL} is set. The seed is printed; {@code -Dxw.fuzz.seed=N} replays a run, {@code -Dxw.fuzz.rounds=N} makes it longer.
 */
class ApiFuzzTest {
    private static final String PASSWORD = "correct-horse-1";
    private static final int THREADS = 4;

    @TempDir
    Path home;

    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger sent = new AtomicInteger();
    private final Map<String, Long> millisByRoute = new java.util.concurrent.ConcurrentHashMap<>();

    private void timed(Router.Template route, Runnable fuzz) {
        long start = System.nanoTime();
        fuzz.run();
        millisByRoute.merge(route.method() + " " + route.path(), (System.nanoTime() - start) / 1_000_000, Long::sum);
    }

    /** Who calls: a name for the report and the Authorization header value (null: none). */
    private record Identity(String name, String authorization) {
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("xtremweb.server.db.TestDatabase#kinds")
    void noInputGetsA5xxOrAnAnswerThatIsNotAProblem(String kind) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>(Map.of("port.https", "0", "path.home", "var",
                "XWkeyStore", "var/keystore/xwserver.p12"));
        String mariaDb = kind.equals("mariadb") ? TestDatabase.createMariaDb() : null;
        if (mariaDb != null) {
            settings.put("XWdbUrl", mariaDb);
        }
        try {
            fuzz(settings);
        } finally {
            if (mariaDb != null) {
                TestDatabase.dropMariaDb(mariaDb);
            }
        }
    }

    private void fuzz(Map<String, String> settings) throws Exception {
        long seed = Long.getLong("xw.fuzz.seed", System.nanoTime());
        int rounds = Integer.getInteger("xw.fuzz.rounds", 12);
        long started = System.nanoTime();
        try (XtremWebServer server = XtremWebServer.start(ServerConfig.from(XwConfig.of(settings, "test", home)))) {
            Properties credentials = new Properties();
            try (InputStream in = Files.newInputStream(server.credentialsFile())) {
                credentials.load(in);
            }
            RawHttps http = new RawHttps(server.port(),
                    PinnedTrust.sslContext(PinnedTrust.readPem(Path.of(credentials.getProperty("server.certificate")))));
            String adminToken = token(server, credentials.getProperty("admin.login"), credentials.getProperty("admin.password"));
            XwHttpClient admin = client(server, adminToken);
            admin.post("/api/v1/users", new UserCreate("alice", PASSWORD, null, UserRights.STANDARD_USER, null), UserView.class);
            admin.post("/api/v1/users", new UserCreate("pubworker", PASSWORD, null, UserRights.WORKER_USER, null), UserView.class);
            String aliceToken = token(server, "alice", PASSWORD);
            XwHttpClient alice = client(server, aliceToken);
            HostCredential host = client(server, token(server, "pubworker", PASSWORD)).post("/api/v1/worker/register",
                    new HostRegistration(null, "fuzz-host", "linux", "amd64", 2, 1L << 30, "21"), HostCredential.class);
            DataView data = alice.post("/api/v1/datas", new DataCreate("fuzz-data", null, null, null, null, null, null), DataView.class);
            GroupingView session = alice.post("/api/v1/sessions", new GroupingCreate("fuzz"), GroupingView.class);
            List<Identity> identities = List.of(new Identity("anonymous", null), new Identity("standard user", "Bearer " + aliceToken),
                    new Identity("worker host", "Bearer " + host.hostToken()), new Identity("admin", "Bearer " + adminToken));
            Inputs inputs = new Inputs(List.of(data.uid(), session.uid(), host.hostUid()));

            List<Router.Template> routes = server.routes();
            assertThat(routes).hasSizeGreaterThan(30);
            try (LogCapture log = new LogCapture()) {
                ExecutorService pool = Executors.newFixedThreadPool(THREADS);
                try {
                    // Logging out revokes the caller's token: that route goes once every other is done.
                    for (boolean logout : new boolean[] {false, true}) {
                        List<Future<?>> done = new ArrayList<>();
                        for (Router.Template route : routes) {
                            if (route.path().endsWith("/logout") != logout) {
                                continue;
                            }
                            for (Identity identity : identities) {
                                long routeSeed = seed ^ (route.method() + route.path() + identity.name()).hashCode();
                                done.add(pool.submit(() -> timed(route, () -> fuzzRoute(http, route, identity, new Random(routeSeed),
                                        inputs, rounds))));
                            }
                        }
                        if (!logout) {
                            done.add(pool.submit(() -> fuzzPaths(http, identities.get(1), new Random(seed), inputs)));
                        }
                        for (Future<?> f : done) {
                            f.get();
                        }
                    }
                } finally {
                    pool.shutdownNow();
                }
                System.out.printf("API fuzz: %d requests to %d routes as %d identities in %d s (seed %d); slowest routes: %s%n",
                        sent.get(), routes.size(), identities.size(), (System.nanoTime() - started) / 1_000_000_000L, seed,
                        millisByRoute.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(4)
                                .map(e -> e.getKey() + " " + e.getValue() + " ms").toList());
                assertThat(failures).as("answers that were 5xx or not problem+json (seed " + seed + ")").isEmpty();
                String fresh = token(server, credentials.getProperty("admin.login"), credentials.getProperty("admin.password"));
                assertThat(client(server, fresh).get("/api/v1/users/me", UserView.class).login())
                        .isEqualTo(credentials.getProperty("admin.login"));
                assertThat(log.withStackTraces()).as("log lines with a stack trace (seed " + seed + ")").isEmpty();
                assertThat(log.lines(ch.qos.logback.classic.Level.ERROR)).as("ERROR lines (seed " + seed + ")").isEmpty();
            }
        }
    }

    private static XwHttpClient client(XtremWebServer server, String token) {
        XwHttpClient client = new XwHttpClient(XwHttpClient.serverUri("127.0.0.1", server.port()),
                PinnedTrust.readPem(server.certificateFile()));
        client.token(token);
        return client;
    }

    private static String token(XtremWebServer server, String login, String password) {
        return client(server, null).post("/api/v1/login", new LoginRequest(login, password), TokenResponse.class).token();
    }

    private void fuzzRoute(RawHttps http, Router.Template route, Identity identity, Random random, Inputs inputs, int rounds) {
        for (String body : inputs.structuralBodies()) {
            send(http, route.method(), inputs.path(route.path(), random), identity.authorization(), Map.of(), body);
        }
        if (identity.authorization() == null) {
            // Over the 1 MiB limit for JSON: once a route is enough.
            send(http, route.method(), inputs.path(route.path(), random), null, Map.of(), "{\"x\":\"" + "y".repeat(1_100_000) + "\"}");
        }
        for (int i = 0; i < rounds; i++) {
            String target = inputs.path(route.path(), random) + (random.nextInt(4) == 0 ? inputs.query(random) : "");
            Map<String, String> headers = random.nextInt(3) == 0 ? inputs.headers(random) : Map.of();
            String authorization = random.nextInt(8) == 0 ? inputs.pick(random, Inputs.BAD_AUTHORIZATIONS) : identity.authorization();
            send(http, route.method(), target, authorization, headers, inputs.recordBody(random));
        }
    }

    private void fuzzPaths(RawHttps http, Identity identity, Random random, Inputs inputs) {
        for (String path : Inputs.BAD_PATHS) {
            for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD")) {
                send(http, method, path, identity.authorization(), Map.of(), method.equals("GET") ? null : "{}");
            }
        }
        for (String raw : Inputs.RAW_REQUESTS) {
            check("raw " + raw.lines().findFirst().orElse(""), () -> http.sendRaw(raw.getBytes(StandardCharsets.ISO_8859_1)));
        }
    }

    private void send(RawHttps http, String method, String target, String authorization, Map<String, String> extra, String body) {
        Map<String, String> headers = new LinkedHashMap<>(extra);
        headers.putIfAbsent("Content-Type", "application/json");
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        String what = method + " " + abbreviate(target) + " " + headers.keySet() + " body " + abbreviate(body);
        check(what, () -> {
            try {
                return http.send(method, target, headers, bytes);
            } catch (IOException lost) {
                // Seen once (2026-12-06, seed 4735708923868, not reproduced by replaying it): a POST to
                // /api/v1/works/%00 got a closed connection and no answer, likely the server closing on
                // the unread body of a request refused early, its reset overtaking the 400. Asked once
                // more on a new connection: a server that never answers fails both.
                return http.send(method, target, headers, bytes);
            }
        });
    }

    private void check(String what, IoCall call) {
        sent.incrementAndGet();
        RawHttps.Answer answer;
        try {
            answer = call.run();
        } catch (IOException e) {
            failures.add(what + " -> no answer: " + e);
            return;
        }
        if (answer.status() >= 500) {
            failures.add(what + " -> " + abbreviate(answer.toString()));
        } else if (answer.status() >= 400) {
            String type = answer.header("content-type");
            if (what.startsWith("HEAD ")) {
                // A HEAD answer has no body by definition; its headers still say what it would be.
                if (type == null || !type.startsWith("application/problem+json")) {
                    failures.add(what + " -> not a problem: " + abbreviate(answer.toString()));
                }
                return;
            }
            JsonNode problem = null;
            try {
                problem = type != null && type.startsWith("application/problem+json") ? answer.json() : null;
            } catch (IOException e) {
                // not JSON: reported below
            }
            if (problem == null || problem.path("code").asText().isBlank() || problem.path("detail").asText().isBlank()) {
                failures.add(what + " -> not a problem: " + abbreviate(answer.toString()));
            }
        }
    }

    @FunctionalInterface
    private interface IoCall {
        RawHttps.Answer run() throws IOException;
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "none";
        }
        String line = text.replaceAll("\\p{Cntrl}", "?");
        return line.length() > 160 ? line.substring(0, 160) + "...(" + text.length() + ")" : line;
    }

    /** What the fuzzer sends: path parameters, queries, headers and bodies, some right and most wrong. */
    private static final class Inputs {
        static final List<String> BAD_AUTHORIZATIONS = List.of("Bearer", "Bearer ", "Basic YWxpY2U6cGFzcw==", "bearer xwu_nope",
                "Bearer " + "t".repeat(4000), "Bearer xwh_\u0001\u007f", "Bearer é", "Bearer xwu_%00");
        static final List<String> BAD_PATHS = List.of("/", "/api", "/api/v1", "/api/v1/", "//api/v1/works", "/api/v1//works",
                "/api/v1/works/", "/api/v1/works;jsessionid=1", "/api/v1/works/%2f", "/api/v1/works/%2F..%2F", "/api/v1/%2e%2e/works",
                "/api/v1/works/..", "/api/v1/works/../../etc/passwd", "/api/v1/works/%00", "/api/v1/works/%ff%fe", "/api/v1/works/%",
                "/api/v1/works/%zz", "/api/v1/works/%c0%af", "/api/v1/works/%e2%80%ae", "/api/v1/works/" + "w".repeat(5000),
                "/api/v1/works?" + "q=1&".repeat(2000), "/api/v1/works?a=%", "/api/v1/works?%ff=1", "/api/v1/works#frag",
                "/API/V1/WORKS", "/api/v2/works", "/api/v1/worker", "/api/v1/worker/tasks", "/api/v1/datas/x/content/extra",
                "/api/v1/datas/%20", "/api/v1/users/%27%20OR%201=1--", "*", "/api/v1/works/\u00e9");
        static final List<String> RAW_REQUESTS = List.of("GARBAGE\r\n\r\n", "GET\r\n\r\n", "GET / HTTP/9.9\r\nHost: x\r\n\r\n",
                "GET /api/v1/works HTTP/1.1\r\n\r\n", "GET /api/v1/works HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
                "POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
                "POST /api/v1/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
                "POST /api/v1/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n0\r\n\r\n",
                "GET /api/v1/works HTTP/1.1\r\nHost: x\r\nNo-Colon-Here\r\n\r\n", "GET /api/v1/works HTTP/1.1\r\nHost: x\r\n X: folded\r\n\r\n",
                "GET /api/v1/works\u0000 HTTP/1.1\r\nHost: x\r\n\r\n", "GET /api/v1/works HTTP/1.1\r\nHost: x\r\nX-\u00ff: \u00ff\r\n\r\n",
                "GET http://evil.example/api/v1/works HTTP/1.1\r\nHost: x\r\n\r\n", "CONNECT 127.0.0.1:1 HTTP/1.1\r\nHost: x\r\n\r\n",
                "TRACE /api/v1/works HTTP/1.1\r\nHost: x\r\n\r\n");
        private static final List<String> NOT_UIDS = List.of("x", "-1", "0", "..", "%2e%2e", "%20", "null", "%27%3B%20DROP%20TABLE%20works",
                "00000000-0000-0000-0000-000000000000", "w".repeat(300), "%C3%A9t%C3%A9", "%ff", "%e2%80%ae", "a%3Bb", "*", "%25");
        private static final List<String> STRINGS = List.of("", " ", "x", "linux", "amd64", "win32", "0x755", "0x700", "go-rx", "a+rwx",
                "7777", "PENDING", "COMPLETED", "ERROR", "SUPER_USER", "https://example.org/file", "ftp://x", "file:///etc/passwd",
                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "..", "../../etc/passwd", "' OR 1=1 --", "é✓🚀",
                "\\ud800", "\\udc00x", "a\\u0000b", "line\\nbreak", "\\u001b[31mred", "\\u202egnp.exe", "%s%n%x", "${jndi:ldap://x}");
        private static final List<String> NUMBERS = List.of("0", "1", "-1", "2147483647", "-2147483648", "9223372036854775807",
                "99999999999999999999999", "1.5", "-0.0", "1e400", "NaN");
        private final List<String> realUids;
        private final List<Class<?>> records;

        Inputs(List<String> realUids) {
            this.realUids = realUids;
            this.records = new ClassFileImporter().importPackages("xtremweb.common.wire").stream()
                    .filter(JavaClass::isRecord).map(JavaClass::reflect).<Class<?>>map(c -> c)
                    .sorted(Comparator.comparing(Class::getName)).toList();
            assertThat(records).hasSizeGreaterThan(15);
        }

        <T> T pick(Random random, List<T> from) {
            return from.get(random.nextInt(from.size()));
        }

        List<String> structuralBodies() {
            return List.of("", "null", "true", "1", "\"x\"", "[]", "[{}]", "{", "}", "{\"a\":}", "{}}}x", "{} {}", "{}",
                    "\uFEFF{}", "[".repeat(3000), "{\"a\":" + "[".repeat(600) + "]".repeat(600) + "}",
                    "{\"name\":\"" + "n".repeat(70_000) + "\"}");
        }

        String path(String template, Random random) {
            StringBuilder path = new StringBuilder();
            for (String segment : template.split("/", -1)) {
                if (!path.isEmpty() || !segment.isEmpty()) {
                    path.append(path.isEmpty() && segment.isEmpty() ? "" : "/");
                }
                if (segment.startsWith("{")) {
                    int choice = random.nextInt(3);
                    path.append(choice == 0 ? pick(random, realUids) : choice == 1 ? java.util.UUID.randomUUID().toString()
                            : pick(random, NOT_UIDS));
                } else {
                    path.append(segment);
                }
            }
            return path.toString().startsWith("/") ? path.toString() : "/" + path;
        }

        String query(Random random) {
            return pick(random, List.of("?status=FOO", "?status=pending", "?status=", "?session=" + "s".repeat(500), "?group=%00",
                    "?x=%ff", "?%00=1", "?status=PENDING&status=ERROR", "?session=" + realUids.get(1), "?a=%zz", "?=", "?&&&"));
        }

        Map<String, String> headers(Random random) {
            return pick(random, List.of(Map.of("Content-Range", "bytes 0-0/1"), Map.of("Content-Range", "bytes 5-1/0"),
                    Map.of("Content-Range", "bytes -1--1/-1"), Map.of("Content-Range", "bytes 0-99999999999999999999/1"),
                    Map.of("Content-Range", "junk"), Map.of("Range", "bytes=0-"), Map.of("Range", "bytes=-0"),
                    Map.of("Range", "bytes=99999999999999999999-"), Map.of("Range", "bytes=5-1,0-0"),
                    Map.of("If-Range", "\"nope\"", "Range", "bytes=0-1"), Map.of("X-XW-SHA256", "zz"),
                    Map.of("Content-Type", "text/plain"), Map.of("Content-Type", "application/json; charset=latin1"),
                    Map.of("Expect", "100-continue"), Map.of("Accept", "text/html")));
        }

        /** A JSON object shaped like a random wire record, with each field right, wrong, null, missing or hostile. */
        String recordBody(Random random) {
            String body = object(pick(random, records), random, 0);
            return random.nextInt(10) == 0 ? body + pick(random, List.of("}", "x", " {}", "]")) : body;
        }

        private String object(Class<?> type, Random random, int depth) {
            StringBuilder json = new StringBuilder("{");
            for (RecordComponent component : type.getRecordComponents()) {
                int choice = random.nextInt(10);
                if (choice == 0) {
                    continue;
                }
                if (json.length() > 1) {
                    json.append(',');
                }
                json.append('"').append(component.getName()).append("\":");
                json.append(choice < 6 ? value(component.getGenericType(), random, depth) : hostile(random));
            }
            if (random.nextInt(8) == 0) {
                json.append(json.length() > 1 ? "," : "").append("\"unknownField\":").append(hostile(random));
            }
            return json.append('}').toString();
        }

        /** A value of the right JSON type for this Java type. */
        private String value(Type type, Random random, int depth) {
            Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
            if (raw == String.class) {
                return random.nextInt(3) == 0 ? quote(pick(random, realUids)) : quote(pick(random, STRINGS));
            }
            if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
                return pick(random, List.of("0", "1", "-1", "2147483647", "-2147483648"));
            }
            if (raw == boolean.class || raw == Boolean.class) {
                return random.nextBoolean() ? "true" : "false";
            }
            if (raw.isEnum()) {
                Object[] constants = raw.getEnumConstants();
                return quote(constants[random.nextInt(constants.length)].toString());
            }
            if (raw == Instant.class) {
                return quote("2026-01-01T00:00:00Z");
            }
            if (List.class.isAssignableFrom(raw) && type instanceof ParameterizedType p) {
                StringBuilder list = new StringBuilder("[");
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.append(list.length() > 1 ? "," : "").append(value(p.getActualTypeArguments()[0], random, depth + 1));
                }
                return list.append(']').toString();
            }
            if (raw.isRecord() && depth < 3) {
                return object(raw, random, depth + 1);
            }
            return "{}";
        }

        /** A value of a wrong type, oversized, or meant to break something. */
        private String hostile(Random random) {
            Supplier<String> longString = () -> quote("s".repeat(pick(random, List.of(51, 101, 256, 1001, 10_001, 70_000))));
            return switch (random.nextInt(9)) {
                case 0 -> "null";
                case 1 -> pick(random, NUMBERS);
                case 2 -> longString.get();
                case 3 -> quote(pick(random, STRINGS));
                case 4 -> pick(random, List.of("[]", "{}", "[null]", "[1,\"a\",{}]", "{\"a\":{\"b\":[]}}"));
                case 5 -> pick(random, List.of("true", "false"));
                case 6 -> quote("ctl\\u0000\\u0001\\u001f\\u007f" + pick(random, STRINGS));
                case 7 -> "[" + quote(pick(random, STRINGS)) + "," + longString.get() + "]";
                default -> quote(String.valueOf(random.nextLong()));
            };
        }

        /** A JSON string; escapes already written as \\uXXXX in the pools stay escapes. */
        private static String quote(String text) {
            return "\"" + text.replace("\"", "\\\"").replace("\n", "\\n") + "\"";
        }
    }
}
