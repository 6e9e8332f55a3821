package xtremweb.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database keeps every commit it returned from when its process is killed with
 * SIGKILL right after: a child JVM commits rows as fast as it can and prints each one once
 * commit() returned; it is killed mid-stream and the database is opened again.
 */
class EmbeddedCommitSurvivesKillTest {
    private static final int ACKS_BEFORE_KILL = 300;

    @TempDir
    Path temp;

    @Test
    void everyCommitReturnedBeforeASigkillIsThereAfterRestart() throws Exception {
        Path home = temp.resolve("home");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CommitUntilKilled.class.getName(), home.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int lastAcked = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; lastAcked + 1 < ACKS_BEFORE_KILL && (line = out.readLine()) != null; ) {
                lastAcked = Integer.parseInt(line.substring("ack ".length()));
            }
            // Killed while it keeps committing: no close, no shutdown hook (destroyForcibly is SIGKILL).
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(lastAcked).as("acknowledged commits before the kill").isEqualTo(ACKS_BEFORE_KILL - 1);

        try (HikariDataSource reopened = Database.open(Database.Target.h2(home), 2); Connection c = reopened.getConnection();
             PreparedStatement count = c.prepareStatement("SELECT COUNT(*), MAX(id) FROM kill_probe");
             ResultSet r = count.executeQuery()) {
            r.next();
            // Rows past the last ack may be there too: committed, killed before it was printed.
            assertThat(r.getInt(2)).isGreaterThanOrEqualTo(lastAcked);
            assertThat(r.getInt(1)).isEqualTo(r.getInt(2) + 1);
        }
    }

    /** The child: commits one row per transaction through the server's own pool settings, printing each. */
    public static final class CommitUntilKilled {
        public static void main(String[] args) throws Exception {
            try (HikariDataSource dataSource = Database.open(Database.Target.h2(Path.of(args[0])), 2);
                 Connection c = dataSource.getConnection()) {
                c.createStatement().execute("CREATE TABLE kill_probe (id INT PRIMARY KEY)");
                c.commit();
                PreparedStatement insert = c.prepareStatement("INSERT INTO kill_probe (id) VALUES (?)");
                for (int i = 0; ; i++) {
                    insert.setInt(1, i);
                    insert.executeUpdate();
                    c.commit();
                    System.out.println("ack " + i);
                    System.out.flush();
                }
            }
        }
    }
}
