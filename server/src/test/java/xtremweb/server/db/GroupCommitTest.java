package xtremweb.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Callers of {@link Jdbc#txGrouped} that arrive together are committed as one transaction, one
 * batch per statement; a group in which one caller's write did not do what it expected, or that
 * the database refused, is rolled back whole and each caller runs alone, meeting its own answer
 * there; what a caller asked to run after its commit runs once, after the commit that kept it.
 */
class GroupCommitTest {
    @TempDir
    Path temp;
    private TestDatabase db;
    private Jdbc jdbc;

    static Stream<String> kinds() {
        return TestDatabase.kinds();
    }

    private void open(String kind) throws Exception {
        db = TestDatabase.open(kind, temp.resolve("db"));
        jdbc = db.jdbc();
        jdbc.tx("tables", c -> {
            c.createStatement().executeUpdate("CREATE TABLE counters (k VARCHAR(36) PRIMARY KEY, n INT NOT NULL)");
            c.createStatement().executeUpdate("CREATE TABLE steps (k VARCHAR(36) NOT NULL, i INT NOT NULL, PRIMARY KEY (k, i))");
            return null;
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    /** The unit of the tests: its counter up by one (a row that must exist) and a step row. */
    private static boolean step(Writes w, String k, int i) throws java.sql.SQLException {
        if (!w.one("UPDATE counters SET n = n + 1 WHERE k = ?", ps -> ps.setString(1, k))) {
            return false;
        }
        w.one("INSERT INTO steps (k, i) VALUES (?, ?)", ps -> {
            ps.setString(1, k);
            ps.setInt(2, i);
        });
        return true;
    }

    private void counter(String k) {
        jdbc.tx("counter", c -> c.createStatement().executeUpdate("INSERT INTO counters (k, n) VALUES ('" + k + "', 0)"));
    }

    private int count(String sql) {
        return jdbc.tx("count", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void callersArrivingTogetherAreCommittedTogetherAndEachWriteIsKept(String kind) throws Exception {
        open(kind);
        int callers = 24;
        int each = 25;
        for (int t = 0; t < callers; t++) {
            counter("c" + t);
        }
        List<String> afterCommit = new CopyOnWriteArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < callers; t++) {
            String k = "c" + t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < each; i++) {
                    int step = i;
                    boolean kept = jdbc.txGrouped("step", w -> {
                        Jdbc.afterCommit(() -> afterCommit.add(k + "/" + step));
                        return step(w, k, step);
                    });
                    assertThat(kept).isTrue();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(count("SELECT COUNT(*) FROM steps")).isEqualTo(callers * each);
        assertThat(count("SELECT MIN(n) FROM counters")).isEqualTo(each);
        assertThat(count("SELECT MAX(n) FROM counters")).isEqualTo(each);
        assertThat(afterCommit).hasSize(callers * each).doesNotHaveDuplicates();
        GroupCommit group = jdbc.groupCommit();
        assertThat(group.refused()).isZero();
        assertThat(group.grouped()).isEqualTo(callers * each);
        // Callers did share commits: fewer transactions than callers' units.
        assertThat(group.groups()).isLessThan(callers * each);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aWriteThatFindsNoRowRollsTheGroupBackAndItsCallerMeetsItsOwnAnswerAlone(String kind) throws Exception {
        open(kind);
        counter("here");
        List<String> afterCommit = new ArrayList<>();

        boolean kept = jdbc.txGrouped("step", w -> {
            boolean stepped = step(w, "missing", 1);
            if (stepped) {
                Jdbc.afterCommit(() -> afterCommit.add("missing"));
            }
            return stepped;
        });

        assertThat(kept).as("alone, the UPDATE finds no row and the work says so").isFalse();
        assertThat(jdbc.groupCommit().refused()).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM steps")).isZero();
        // Registered while the writes were queued (taken as done), not alone: never run, the group was rolled back.
        assertThat(afterCommit).isEmpty();

        boolean keptHere = jdbc.txGrouped("step", w -> step(w, "here", 1));
        assertThat(keptHere).isTrue();
        assertThat(count("SELECT n FROM counters WHERE k = 'here'")).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aUnitThatReadsRunsAloneOnItsConnection(String kind) throws Exception {
        open(kind);
        counter("k");

        int n = jdbc.txGrouped("read then write", w -> {
            try (ResultSet rs = w.connection().createStatement().executeQuery("SELECT n FROM counters WHERE k = 'k'")) {
                rs.next();
                int before = rs.getInt(1);
                step(w, "k", before);
                return before + 1;
            }
        });

        assertThat(n).isEqualTo(1);
        assertThat(count("SELECT n FROM counters WHERE k = 'k'")).isEqualTo(1);
        assertThat(jdbc.groupCommit().groups()).isZero();
        assertThat(jdbc.groupCommit().refused()).isZero();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aGroupTheDatabaseRefusesIsRunAloneAndTheFailureIsTheCallersOwn(String kind) throws Exception {
        open(kind);
        counter("k");

        assertThatThrownBy(() -> jdbc.txGrouped("duplicate step", w -> {
            step(w, "k", 7);
            step(w, "k", 7);
            return true;
        })).isInstanceOf(DbException.class).hasMessageContaining("duplicate step");

        assertThat(jdbc.groupCommit().refused()).isEqualTo(1);
        assertThat(count("SELECT n FROM counters WHERE k = 'k'")).as("rolled back whole, alone too").isZero();
        assertThat(count("SELECT COUNT(*) FROM steps")).isZero();
    }
}
