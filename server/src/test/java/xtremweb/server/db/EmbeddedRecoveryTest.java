package xtremweb.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file a SIGKILL leaves when it lands between H2's two writes of one commit (the new chunk
 * written over the space of the chunk the file header names, the header not yet rewritten) opens
 * with every commit in it. The file is built without a kill: after each commit the header is read;
 * when a commit moved the header to a chunk written where the previous header's chunk was, the
 * file with the previous header put back is exactly what a kill between the two writes leaves.
 */
class EmbeddedRecoveryTest {
    private static final int HEADER_BYTES = 2 * 4096;
    private static final Pattern BLOCK = Pattern.compile("(?:^|,)block:([0-9a-f]+)");

    @TempDir
    Path temp;

    @Test
    void aKillBetweenTheChunkAndTheHeaderWriteLosesNoCommit() throws Exception {
        Path file = temp.resolve("live").resolve("db").resolve("xtremweb.mv.db");
        Path torn = temp.resolve("torn").resolve("db").resolve("xtremweb.mv.db");
        int committed = 0;
        boolean found = false;
        try (HikariDataSource dataSource = Database.open(Database.Target.h2(temp.resolve("live")), 2);
             Connection c = dataSource.getConnection()) {
            c.createStatement().execute("CREATE TABLE probe (id INT PRIMARY KEY, payload VARCHAR(300))");
            c.createStatement().execute("CREATE TABLE counter (id INT PRIMARY KEY, n INT)");
            // Reuse the space of dead chunks at once, as H2 does 45 s later by default.
            c.createStatement().execute("SET RETENTION_TIME 0");
            c.commit();
            PreparedStatement insert = c.prepareStatement("INSERT INTO probe (id, payload) VALUES (?, ?)");
            PreparedStatement count = c.prepareStatement("MERGE INTO counter (id, n) KEY (id) VALUES (?, ?)");
            byte[] header = header(file);
            while (!found && committed < 5_000) {
                insert.setInt(1, committed);
                insert.setString(2, "x".repeat(200));
                insert.executeUpdate();
                count.setInt(1, committed % 50);
                count.setInt(2, committed);
                count.executeUpdate();
                c.commit();
                committed++;
                byte[] next = header(file);
                if (!java.util.Arrays.equals(next, header) && block(next) == block(header)) {
                    Files.createDirectories(torn.getParent());
                    Files.copy(file, torn);
                    try (FileChannel out = FileChannel.open(torn, StandardOpenOption.WRITE)) {
                        out.write(ByteBuffer.wrap(header), 0);
                    }
                    found = true;
                }
                header = next;
            }
        }
        assertThat(found).as("a commit wrote its chunk where the header's chunk was, within %d commits", committed).isTrue();

        try (HikariDataSource reopened = Database.open(Database.Target.h2(temp.resolve("torn")), 2);
             Connection c = reopened.getConnection();
             ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*), MIN(id), MAX(id) FROM probe")) {
            r.next();
            assertThat(r.getInt(1)).as("rows of the %d acknowledged commits", committed).isEqualTo(committed);
            assertThat(r.getInt(3)).isEqualTo(committed - 1);
        }
    }

    private static byte[] header(Path file) throws java.io.IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES);
            while (buffer.hasRemaining() && in.read(buffer, buffer.position()) > 0) {
                // read the two header blocks whole
            }
            return buffer.array();
        }
    }

    private static long block(byte[] header) {
        Matcher m = BLOCK.matcher(new String(header, 0, 4096, StandardCharsets.ISO_8859_1));
        return m.find() ? Long.parseLong(m.group(1), 16) : -1;
    }
}
