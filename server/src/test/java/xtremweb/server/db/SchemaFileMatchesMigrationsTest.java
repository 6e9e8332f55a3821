package xtremweb.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sql/xtremweb.sql is what DBAs read; it must describe exactly the tables the migrations create. */
class SchemaFileMatchesMigrationsTest {
    @TempDir
    Path temp;

    static Path sourceRoot() {
        String env = System.getenv("XW_SOURCE_ROOT");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of("..").toAbsolutePath().normalize();
    }

    @Test
    void schemaFileDescribesTheSameTablesAsTheMigrations() throws Exception {
        String sql = Files.readString(sourceRoot().resolve("sql").resolve("xtremweb.sql"));
        List<String> fromFile;
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + temp.resolve("file") + Database.H2_OPTIONS)) {
            for (String statement : statements(sql)) {
                try (Statement s = c.createStatement()) {
                    s.execute(statement);
                }
            }
            fromFile = columns(c);
        }
        List<String> fromMigrations;
        try (TestDatabase db = TestDatabase.open("h2", temp.resolve("migrated")); Connection c = db.dataSource().getConnection()) {
            fromMigrations = columns(c);
        }
        assertThat(fromFile).isNotEmpty().containsExactlyElementsOf(fromMigrations);
    }

    /** Splits on ';' at line ends, dropping '--' comments. */
    static List<String> statements(String sql) {
        StringBuilder clean = new StringBuilder();
        for (String line : sql.split("\n")) {
            int comment = line.indexOf("--");
            clean.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
        }
        List<String> statements = new ArrayList<>();
        for (String part : clean.toString().split(";\\s*\n")) {
            if (!part.isBlank()) {
                statements.add(part.trim().replaceAll(";$", ""));
            }
        }
        return statements;
    }

    private static List<String> columns(Connection c) throws Exception {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT table_name, column_name, data_type, is_nullable,"
                + " character_maximum_length FROM information_schema.columns WHERE table_schema = 'public'"
                + " AND table_name <> 'flyway_schema_history' ORDER BY table_name, column_name");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                columns.add(rs.getString(1) + "." + rs.getString(2) + " " + rs.getString(3) + "(" + rs.getString(5) + ") nullable="
                        + rs.getString(4));
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT table_name, index_name FROM information_schema.indexes"
                + " WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history' ORDER BY table_name, index_name");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (!rs.getString(2).toLowerCase(java.util.Locale.ROOT).startsWith("primary")) {
                    columns.add("index " + rs.getString(1) + "." + rs.getString(2));
                }
            }
        }
        return columns;
    }
}
