package xtremweb.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The MariaDB databases the tests get from {@link TestDatabase#createMariaDb} (copied from a
 * migrated template) are what the server's own migrations make of an empty database: same tables,
 * columns, indexes, table options and Flyway history. Skipped unless XW_TEST_MARIADB_URL is set.
 */
class MariaDbTemplateCopyTest {
    @Test
    void aCopiedDatabaseIsTheDatabaseTheServerMigrates() throws Exception {
        String copied = TestDatabase.createMariaDb();
        String migrated = TestDatabase.createEmptyMariaDb();
        try {
            Database.open(new Database.Target(migrated, Optional.empty(), Optional.empty()), 2).close();
            List<String> fromMigrations = describe(migrated);
            assertThat(fromMigrations).anyMatch(l -> l.startsWith("history ")).anyMatch(l -> l.startsWith("column works."))
                    .anyMatch(l -> l.startsWith("index "));
            assertThat(describe(copied)).containsExactlyElementsOf(fromMigrations);

            // And the server, starting on the copy, finds it up to date.
            Database.open(new Database.Target(copied, Optional.empty(), Optional.empty()), 2).close();
            assertThat(describe(copied)).containsExactlyElementsOf(fromMigrations);
        } finally {
            TestDatabase.dropMariaDb(copied);
            TestDatabase.dropMariaDb(migrated);
        }
    }

    private static List<String> describe(String url) throws Exception {
        List<String> lines = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            String db = c.getCatalog();
            rows(s, lines, "table ", "SELECT table_name, table_type, engine, table_collation, create_options, table_comment"
                    + " FROM information_schema.tables WHERE table_schema = '" + db + "' ORDER BY table_name");
            rows(s, lines, "column ", "SELECT CONCAT(table_name, '.', column_name), ordinal_position, column_type,"
                    + " is_nullable, column_default, character_set_name, collation_name, extra, column_key"
                    + " FROM information_schema.columns WHERE table_schema = '" + db + "' ORDER BY table_name, ordinal_position");
            rows(s, lines, "index ", "SELECT table_name, index_name, non_unique, seq_in_index, column_name, sub_part, index_type"
                    + " FROM information_schema.statistics WHERE table_schema = '" + db + "'"
                    + " ORDER BY table_name, index_name, seq_in_index");
            rows(s, lines, "constraint ", "SELECT table_name, constraint_name, constraint_type"
                    + " FROM information_schema.table_constraints WHERE constraint_schema = '" + db + "'"
                    + " ORDER BY table_name, constraint_name");
            rows(s, lines, "history ", "SELECT installed_rank, version, description, type, script, checksum, success"
                    + " FROM flyway_schema_history ORDER BY installed_rank");
        }
        return lines;
    }

    private static void rows(Statement s, List<String> lines, String kind, String query) throws Exception {
        try (ResultSet rs = s.executeQuery(query)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                StringBuilder line = new StringBuilder(kind);
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    line.append(i > 1 ? " " : "").append(rs.getString(i));
                }
                lines.add(line.toString());
            }
        }
    }
}
