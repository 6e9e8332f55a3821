package xtremweb.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.config.XwConfig;
import xtremweb.common.http.PinnedTrust;
import xtremweb.common.json.Json;
import xtremweb.server.ServerConfig;
import xtremweb.server.XtremWebServer;

/**
 * A MariaDB that stops answering without closing its connections (its process frozen with SIGSTOP,
 * as when its host hangs or a network cut sends no reset), on a private mariadbd of this class's
 * own. Before XWdbSocketTimeout, a statement sent on a connection Hikari handed out unchecked (used
 * in the last 500 ms) waited for ever: its request, and every caller of a group commit behind it,
 * hung until the database came back. Now each ends within the socket timeout (plus the pool's wait
 * of 3 s for the one caller that then looks whether the database is back) as an outage, 503
 * database-unavailable over HTTP, and everything is served again once the database thaws.
 */
class FrozenDatabaseTest {
    /** Small, so the test is quick; the default is 60 s (see Database.DEFAULT_SOCKET_TIMEOUT). */
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(2);
    /**
     * The longest a caller may wait during the freeze: its statement cut by the socket timeout, then
     * possibly the pool's wait for a connection (3 s) when it is the caller that looks whether the
     * database is back, and a margin for a loaded 2-core machine (4 s was passed by 2 ms once, with
     * two busy loops beside the test; the old code waits until the thaw, far longer).
     */
    private static final Duration BOUND = SOCKET_TIMEOUT.plus(Database.CONNECTION_TIMEOUT).plusSeconds(8);
    /** How long the test waits for every caller to have been answered: on the old code they never were. */
    private static final Duration ANSWERED = BOUND.plusSeconds(10);

    private static PrivateMariaDb mariaDb;
    private static int databases;

    @TempDir
    Path home;

    @BeforeAll
    static void startPrivateMariaDb() throws Exception {
        mariaDb = PrivateMariaDb.start();
    }

    @AfterAll
    static void stopPrivateMariaDb() throws Exception {
        if (mariaDb != null) {
            mariaDb.close();
        }
    }

    private static String newDatabase() throws SQLException {
        return mariaDb.createDatabase("xw_frozen_" + ++databases);
    }

    /** One call of a load thread: when it started and ended, and what it was answered. */
    private record Call(int thread, long start, long end, boolean ok, String outcome) {
        Duration took() {
            return Duration.ofNanos(end - start);
        }
    }

    /** Threads calling {@code call} back to back until closed, each call recorded. */
    private static final class Load implements AutoCloseable {
        interface Callee {
            Call call(int thread) throws Exception;
        }

        final List<Call> calls = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService threads;
        private final List<Future<?>> loops = new ArrayList<>();
        private final int size;

        Load(int size, Callee callee) {
            this.size = size;
            threads = Executors.newFixedThreadPool(size);
            for (int t = 0; t < size; t++) {
                int thread = t;
                loops.add(threads.submit(() -> {
                    while (running.get()) {
                        calls.add(callee.call(thread));
                    }
                    return null;
                }));
            }
        }

        /** Whether every thread has ended a call that it started after {@code since} and that matches. */
        boolean eachAnsweredSince(long since, boolean ok) {
            return calls.stream().filter(c -> c.start() > since && c.ok() == ok).map(Call::thread).distinct().count() == size;
        }

        List<Call> endedBetween(long from, long to) {
            return calls.stream().filter(c -> c.end() > from && c.start() < to).toList();
        }

        @Override
        public void close() throws Exception {
            running.set(false);
            threads.shutdown();
            // Each call is bounded (HTTP timeout, socket timeout): a loop still running here is a bug.
            for (Future<?> loop : loops) {
                loop.get(60, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void requestsDuringAFreezeAreAnswered503WithinTheSocketTimeoutAndServedAgainAfterTheThaw() throws Exception {
        String url = newDatabase();
        Map<String, String> settings = new HashMap<>(Map.of("port.https", "0", "path.home", "var",
                "XWkeyStore", "var/keystore/xwserver.p12", "XWdbUrl", url,
                "XWdbSocketTimeout", String.valueOf(SOCKET_TIMEOUT.toSeconds())));
        try (XtremWebServer server = XtremWebServer.start(ServerConfig.from(XwConfig.of(settings, "test", home)))) {
            HttpClient http = HttpClient.newBuilder()
                    .sslContext(PinnedTrust.sslContext(PinnedTrust.readPem(server.certificateFile())))
                    .connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest works = HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/api/v1/works"))
                    .header("Authorization", "Bearer " + adminToken(server))
                    // Far longer than the test waits for an answer: on the old code the request hangs.
                    .timeout(Duration.ofSeconds(45)).build();
            try (Load load = new Load(3, thread -> {
                long start = System.nanoTime();
                HttpResponse<String> answer = http.send(works, HttpResponse.BodyHandlers.ofString());
                long end = System.nanoTime();
                String outcome = answer.statusCode() + (answer.statusCode() == 200 ? ""
                        : " " + Json.mapper().readTree(answer.body()).path("code").asText()
                        + (answer.headers().firstValue("Retry-After").isPresent() ? " with Retry-After" : ""));
                return new Call(thread, start, end, answer.statusCode() == 200, outcome);
            })) {
                long before = System.nanoTime();
                Awaitility.await("requests served").atMost(Duration.ofSeconds(30)).until(() -> load.eachAnsweredSince(before, true));

                long thawed = freezeAndThaw(load, "503 database-unavailable with Retry-After");

                Awaitility.await("requests served after the thaw").atMost(Duration.ofSeconds(30))
                        .until(() -> load.eachAnsweredSince(thawed, true));
            }
        } finally {
            mariaDb.thaw();
        }
    }

    /**
     * Freezes the database until every caller of {@code load} has been answered since, thaws it, and
     * checks what the callers got meanwhile: {@code outcome} for each call begun once it was frozen
     * and ended before SIGCONT was sent, and no call longer than {@link #BOUND}. Returns when it was
     * thawed. A call begun before the freeze may still be served, and one still waiting when SIGCONT
     * goes may be served after it: neither counts.
     */
    private long freezeAndThaw(Load load, String outcome) throws Exception {
        long freezing = System.nanoTime();
        mariaDb.freeze();
        long frozen = System.nanoTime();
        long thawing;
        try {
            // The calls under way when it froze, and those after, on connections used a moment ago.
            Awaitility.await("every caller answered during the freeze").atMost(ANSWERED)
                    .until(() -> load.eachAnsweredSince(frozen, false));
        } finally {
            // Taken before SIGCONT: a call begun while kill -CONT runs is rightly served.
            thawing = System.nanoTime();
            mariaDb.thaw();
        }
        long thawed = System.nanoTime();
        List<Call> duringTheFreeze = load.endedBetween(freezing, thawing);
        assertThat(duringTheFreeze).filteredOn(c -> c.start() > frozen && c.end() < thawing).isNotEmpty()
                .allSatisfy(c -> assertThat(c.outcome()).isEqualTo(outcome));
        assertThat(duringTheFreeze).allSatisfy(c -> assertThat(c.took()).as(c.toString()).isLessThan(BOUND));
        return thawed;
    }

    private static String adminToken(XtremWebServer server) throws Exception {
        java.util.Properties credentials = new java.util.Properties();
        try (java.io.InputStream in = Files.newInputStream(server.credentialsFile())) {
            credentials.load(in);
        }
        return new xtremweb.common.http.XwHttpClient(xtremweb.common.http.XwHttpClient.serverUri("127.0.0.1", server.port()),
                PinnedTrust.readPem(server.certificateFile())).post("/api/v1/login", new xtremweb.common.wire.LoginRequest(
                credentials.getProperty("admin.login"), credentials.getProperty("admin.password")),
                xtremweb.common.wire.TokenResponse.class).token();
    }

    @Test
    void groupCommitCallersBehindALeaderHungOnAFrozenDatabaseAreAnsweredWithinTheSocketTimeout() throws Exception {
        int callers = 6;
        try (HikariDataSource pool = Database.open(target(newDatabase()), 8, SOCKET_TIMEOUT)) {
            Jdbc jdbc = new Jdbc(pool);
            jdbc.tx("tables", c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("CREATE TABLE counters (k INT PRIMARY KEY, n INT NOT NULL)");
                    s.executeUpdate("CREATE TABLE steps (k INT NOT NULL, i INT NOT NULL, PRIMARY KEY (k, i))");
                    for (int k = 0; k < callers; k++) {
                        s.executeUpdate("INSERT INTO counters (k, n) VALUES (" + k + ", 0)");
                    }
                }
                return null;
            });
            int[] attempts = new int[callers];
            List<Call> calls;
            try (Load load = new Load(callers, k -> {
                // Each attempt its own step number: one cut after its commit reached the database may still land.
                int i = ++attempts[k];
                long start = System.nanoTime();
                try {
                    jdbc.txGrouped("step", w -> w.one("UPDATE counters SET n = n + 1 WHERE k = ?", ps -> ps.setInt(1, k))
                            && w.one("INSERT INTO steps (k, i) VALUES (?, ?)", ps -> {
                                ps.setInt(1, k);
                                ps.setInt(2, i);
                            }));
                    return new Call(k, start, System.nanoTime(), true, "committed");
                } catch (DbException e) {
                    return new Call(k, start, System.nanoTime(), false, DatabaseOutage.is(e) ? "outage" : e.toString());
                }
            })) {
                long before = System.nanoTime();
                Awaitility.await("steps committed").atMost(Duration.ofSeconds(30)).until(() -> load.eachAnsweredSince(before, true));

                long thawed = freezeAndThaw(load, "outage");

                long groupsThawed = jdbc.groupCommit().groups();
                Awaitility.await("steps committed after the thaw").atMost(Duration.ofSeconds(30))
                        .until(() -> load.eachAnsweredSince(thawed, true) && jdbc.groupCommit().groups() > groupsThawed);
                calls = load.calls;
            }
            // Nothing acknowledged is lost, and each step kept is whole (its counter and its row). A
            // step answered as an outage may still be there: its commit had reached the database.
            Map<Integer, Integer> stepsOf = counts(jdbc, "SELECT k, COUNT(*) FROM steps GROUP BY k");
            Map<Integer, Integer> counted = counts(jdbc, "SELECT k, n FROM counters");
            for (int k = 0; k < callers; k++) {
                int key = k;
                long acknowledged = calls.stream().filter(c -> c.thread() == key && c.ok()).count();
                assertThat(stepsOf.getOrDefault(k, 0)).as("steps of caller %d", k).isGreaterThanOrEqualTo((int) acknowledged)
                        .isEqualTo(counted.get(k));
            }
        } finally {
            mariaDb.thaw();
        }
    }

    /**
     * Without freezing anything: a statement that gets no answer within the socket timeout (a sleep
     * stands for the frozen database) fails as an outage, its transaction is rolled back, and the
     * pool drops its connection instead of handing it out again.
     */
    @Test
    void aStatementCutByTheSocketTimeoutIsAnOutageRolledBackAndItsConnectionDropped() throws Exception {
        try (HikariDataSource pool = Database.open(target(newDatabase()), 2, Duration.ofSeconds(1))) {
            Jdbc jdbc = new Jdbc(pool);
            jdbc.tx("table", c -> c.createStatement().executeUpdate("CREATE TABLE marks (k INT PRIMARY KEY)"));
            long[] cut = new long[1];
            assertThatThrownBy(() -> jdbc.tx("slow", c -> {
                cut[0] = connectionId(c);
                c.createStatement().executeUpdate("INSERT INTO marks (k) VALUES (1)");
                return c.createStatement().executeQuery("SELECT SLEEP(3)").next();
            })).isInstanceOf(DbException.class).satisfies(e -> assertThat(DatabaseOutage.is(e)).as("an outage: 503").isTrue());

            // Back on a fresh connection; the cut one is gone from the database once its sleep ends
            // (it would stay there, idle, had the pool kept it), and its insert with it.
            long after = jdbc.tx("after", FrozenDatabaseTest::connectionId);
            assertThat(after).isNotEqualTo(cut[0]);
            Awaitility.await("the cut connection closed").atMost(Duration.ofSeconds(20)).until(() -> jdbc.tx("processes",
                    c -> count(c, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = " + cut[0])) == 0);
            int marks = jdbc.tx("marks", c -> count(c, "SELECT COUNT(*) FROM marks"));
            assertThat(marks).as("the cut transaction's insert").isZero();
        }
    }

    /**
     * The schema migrations at start run without the socket timeout: one may rightly wait or work
     * longer (a big table rebuilt). Here Flyway waits for its history table, locked by another
     * session, for more than twice the timeout, and the start succeeds once it is unlocked; the
     * pool's connections have their timeout back afterwards.
     */
    @Test
    void migrationsAtStartAreNotCutByTheSocketTimeout() throws Exception {
        String url = newDatabase();
        Database.open(target(url), 2).close();
        ExecutorService starting = Executors.newSingleThreadExecutor();
        try (Connection holder = java.sql.DriverManager.getConnection(url); Statement s = holder.createStatement()) {
            s.execute("LOCK TABLES flyway_schema_history WRITE");
            long holderId = connectionId(holder);
            Future<HikariDataSource> opened = starting.submit(() -> Database.open(target(url), 2, Duration.ofSeconds(1)));
            try {
                Awaitility.await("Flyway waiting for its table longer than the socket timeout").atMost(Duration.ofSeconds(30))
                        .until(() -> opened.isDone() || count(holder, "SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                                + " WHERE ID <> " + holderId + " AND DB = DATABASE() AND STATE LIKE '%lock%' AND TIME_MS > 2500") > 0);
            } finally {
                s.execute("UNLOCK TABLES");
            }
            try (HikariDataSource pool = opened.get(30, TimeUnit.SECONDS);
                 Connection a = pool.getConnection(); Connection b = pool.getConnection()) {
                assertThat(List.of(a.getNetworkTimeout(), b.getNetworkTimeout())).containsOnly(1000);
            }
        } finally {
            starting.shutdownNow();
        }
    }

    private static long connectionId(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Map<Integer, Integer> counts(Jdbc jdbc, String sql) {
        return jdbc.tx("count", c -> {
            Map<Integer, Integer> counts = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getInt(1), rs.getInt(2));
                }
            }
            return counts;
        });
    }

    private static Database.Target target(String url) {
        return new Database.Target(url, Optional.empty(), Optional.empty());
    }
}
