package xtremweb.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.model.UserRights;
import xtremweb.server.metrics.GridMetrics;
import xtremweb.server.policy.AccessPolicy;
import xtremweb.server.user.PasswordHasher;
import xtremweb.server.user.Sessions;
import xtremweb.server.user.TokenRepository;
import xtremweb.server.user.UserAdmin;
import xtremweb.server.user.UserRepository;
import xtremweb.server.user.UserRow;
import xtremweb.server.user.UsergroupRepository;

/**
 * A transaction the database rolled back to break a deadlock is run again (seen with two servers
 * on one MariaDB: a worker's report was the victim and its worker got a 500), whatever the call;
 * any other failure is not, nor a transaction run with {@code txOnce}, and what a rolled-back
 * attempt asked to do after its commit never happens.
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

    @Test
    void aTransactionRunOnceIsNotRunAgain() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> jdbc.txOnce("claim", c -> {
            attempts.incrementAndGet();
            throw new SQLException("Deadlock found", "40001", 1213);
        })).isInstanceOf(DbException.class);
        assertThat(attempts).hasValue(1);
    }

    /**
     * A genuine deadlock on MariaDB, with an administrator's deletion of a user (its row, then its
     * tokens) as the victim: another transaction holds the user's token, waits for the deletion to
     * wait on it, then asks for the user's row. InnoDB rolls back the lighter of the two, the
     * deletion; it is run again and succeeds, where the administrator got a 500 before.
     */
    @Test
    void aUserDeletionChosenAsADeadlocksVictimOnMariaDbIsRunAgainAndSucceeds() throws Exception {
        try (TestDatabase maria = TestDatabase.open("mariadb", temp.resolve("maria"))) {
            Jdbc mariaJdbc = maria.jdbc();
            Instant now = Instant.now();
            UserRepository users = new UserRepository();
            TokenRepository tokens = new TokenRepository();
            UserRow admin = new UserRow(UUID.randomUUID().toString(), "admin", "x", null, UserRights.SUPER_USER, null, now);
            UserRow carol = new UserRow(UUID.randomUUID().toString(), "carol", "x", null, UserRights.STANDARD_USER, null, now);
            String carolsToken = "c".repeat(64);
            mariaJdbc.tx("seed", c -> {
                users.insert(c, admin);
                users.insert(c, carol);
                tokens.insert(c, carolsToken, carol.uid(), now, now.plus(Duration.ofHours(1)));
                return null;
            });
            Sessions sessions = new Sessions(mariaJdbc, users, tokens, new PasswordHasher(), Clock.systemUTC(), Duration.ofHours(1),
                    GridMetrics.inMemory());
            UserAdmin userAdmin = new UserAdmin(mariaJdbc, users, new UsergroupRepository(), sessions, new PasswordHasher(),
                    new AccessPolicy(), Clock.systemUTC());
            ExecutorService administrator = Executors.newSingleThreadExecutor();
            try (Connection other = maria.dataSource().getConnection(); Connection watch = maria.dataSource().getConnection()) {
                watch.setAutoCommit(true);
                try (Statement s = watch.createStatement()) {
                    s.executeUpdate("CREATE TABLE ballast (n INT PRIMARY KEY)");
                }
                String database = one(watch, "SELECT DATABASE()");
                other.setAutoCommit(false);
                // Many rows written: InnoDB rolls back the transaction that wrote fewer, the deletion.
                try (Statement s = other.createStatement()) {
                    s.executeUpdate("INSERT INTO ballast (n) SELECT seq FROM seq_1_to_500");
                }
                lock(other, "SELECT token_hash FROM tokens WHERE token_hash = ? FOR UPDATE", carolsToken);

                Future<?> deletion = administrator.submit(() -> userAdmin.deleteUser(admin.caller(), "carol"));
                // The deletion holds carol's row and waits for her token.
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "1".equals(one(watch,
                        "SELECT COUNT(*) FROM information_schema.INNODB_TRX t JOIN information_schema.PROCESSLIST p"
                                + " ON p.ID = t.trx_mysql_thread_id WHERE t.trx_state = 'LOCK WAIT' AND p.DB = ?", database)));
                // Closes the cycle; returns once InnoDB has rolled the deletion back.
                lock(other, "SELECT uid FROM users WHERE uid = ? FOR UPDATE", carol.uid());
                other.commit();

                deletion.get(30, TimeUnit.SECONDS);
                assertThat(one(watch, "SELECT COUNT(*) FROM users WHERE uid = ? AND deleted = TRUE", carol.uid())).isEqualTo("1");
                assertThat(one(watch, "SELECT COUNT(*) FROM tokens WHERE token_hash = ? AND revoked = TRUE", carolsToken)).isEqualTo("1");
                assertThat(one(watch, "SELECT COUNT(*) FROM ballast")).as("the other transaction was not the victim")
                        .isEqualTo("500");
            } finally {
                administrator.shutdownNow();
            }
        }
    }

    private static void lock(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("row %s found", key).isTrue();
            }
        }
    }

    private static String one(Connection c, String sql, String... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a row for %s", sql).isTrue();
                return rs.getString(1);
            }
        }
    }
}
