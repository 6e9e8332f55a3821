package xtremweb.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transaction the database rolled back to break a deadlock is run again (seen with two servers
 * on one MariaDB: a worker's report was the victim and its worker got a 500); any other failure is
 * not, and what a rolled-back attempt asked to do after its commit never happens.
 */
class DeadlockVictimTest {
    @TempDir
    Path temp;
    private TestDatabase db;
    private Jdbc jdbc;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.open("h2", temp.resolve("db"));
        jdbc = db.jdbc();
        jdbc.tx("table", c -> c.createStatement().executeUpdate("CREATE TABLE t (n INT)"));
    }

    @AfterEach
    void tearDown() throws Exception {
        db.close();
    }

    @Test
    void aDeadlockVictimIsRunAgainAndOnlyTheCommittedAttemptCounts() {
        AtomicInteger attempts = new AtomicInteger();
        List<Integer> afterCommit = new ArrayList<>();

        int result = jdbc.tx("report", c -> {
            int attempt = attempts.incrementAndGet();
            c.createStatement().executeUpdate("INSERT INTO t VALUES (" + attempt + ")");
            Jdbc.afterCommit(() -> afterCommit.add(attempt));
            if (attempt == 1) {
                throw new SQLException("Deadlock found when trying to get lock; try restarting transaction", "40001", 1213);
            }
            return attempt;
        });

        assertThat(result).isEqualTo(2);
        assertThat(afterCommit).containsExactly(2);
        List<Integer> rows = jdbc.tx("read", c -> {
            var rs = c.createStatement().executeQuery("SELECT n FROM t");
            List<Integer> found = new ArrayList<>();
            while (rs.next()) {
                found.add(rs.getInt(1));
            }
            return found;
        });
        assertThat(rows).as("the victim's insert was rolled back").containsExactly(2);
    }

    @Test
    void aLockWaitTimeoutIsRunAgainToo() {
        AtomicInteger attempts = new AtomicInteger();

        jdbc.tx("claim", c -> {
            if (attempts.incrementAndGet() == 1) {
                throw new SQLException("Lock wait timeout exceeded; try restarting transaction", "HY000", 1205);
            }
            return null;
        });

        assertThat(attempts).hasValue(2);
    }

    @Test
    void otherFailuresAreNotRunAgain() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> jdbc.tx("insert", c -> {
            attempts.incrementAndGet();
            throw new SQLException("Duplicate entry", "23000", 1062);
        })).isInstanceOf(DbException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aTransactionAlwaysChosenAsVictimGivesUpAfterAFewAttempts() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> jdbc.tx("report", c -> {
            attempts.incrementAndGet();
            throw new SQLException("Deadlock found", "40001", 1213);
        })).isInstanceOf(DbException.class).hasMessageContaining("Deadlock found");
        assertThat(attempts).hasValue(Jdbc.DEADLOCK_ATTEMPTS);
    }
}
