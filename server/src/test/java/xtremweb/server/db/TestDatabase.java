package xtremweb.server.db;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A fresh, migrated database for one test: embedded H2 in a temp dir, or a new MariaDB database
 * ({@code xwt_<random>}) on the server named by {@code XW_TEST_MARIADB_URL}, dropped on close.
 * MariaDB cases are skipped (assumption) when the variable is absent.
 */
public final class TestDatabase implements AutoCloseable {
    public static final String MARIADB_ENV = "XW_TEST_MARIADB_URL";
    private static final Pattern URL = Pattern.compile("^(jdbc:(?:mysql|mariadb)://[^/]+/)([^?]*)(\\?.*)?$");
    private final HikariDataSource dataSource;
    private final String adminUrl;
    private final String database;

    private TestDatabase(HikariDataSource dataSource, String adminUrl, String database) {
        this.dataSource = dataSource;
        this.adminUrl = adminUrl;
        this.database = database;
    }

    /** The kinds every repository and scheduler test runs on. */
    public static Stream<String> kinds() {
        return Stream.of("h2", "mariadb");
    }

    public static TestDatabase open(String kind, Path tempDir) throws SQLException {
        if (kind.equals("h2")) {
            return new TestDatabase(Database.open(Database.Target.h2(tempDir), 10), null, null);
        }
        String dbUrl = createMariaDb();
        String name = databaseOf(dbUrl);
        return new TestDatabase(Database.open(new Database.Target(dbUrl, Optional.empty(), Optional.empty()), 10), adminUrl(), name);
    }

    /**
     * A new, empty MariaDB database ({@code xwt_<random>}) on the server named by
     * {@code XW_TEST_MARIADB_URL}, as a JDBC URL (for a whole server under test); the test is
     * skipped when the variable is absent. Drop it with {@link #dropMariaDb}.
     */
    public static String createMariaDb() throws SQLException {
        String url = adminUrl();
        Matcher m = URL.matcher(url);
        m.matches();
        String name = "xwt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return m.group(1) + name + Optional.ofNullable(m.group(3)).orElse("");
    }

    public static void dropMariaDb(String databaseUrl) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl()); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE " + databaseOf(databaseUrl));
        }
    }

    private static String adminUrl() {
        String url = System.getenv(MARIADB_ENV);
        assumeTrue(url != null && !url.isBlank(), MARIADB_ENV + " is not set; MariaDB case skipped");
        if (!URL.matcher(url).matches()) {
            throw new IllegalArgumentException(MARIADB_ENV + " must look like jdbc:mysql://host:port/db?user=..., not " + url);
        }
        return url;
    }

    private static String databaseOf(String databaseUrl) {
        Matcher m = URL.matcher(databaseUrl);
        if (!m.matches() || !m.group(2).startsWith("xwt_")) {
            throw new IllegalArgumentException("not a test database: " + databaseUrl);
        }
        return m.group(2);
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    public Jdbc jdbc() {
        return new Jdbc(dataSource);
    }

    @Override
    public void close() throws SQLException {
        dataSource.close();
        if (database != null) {
            try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE " + database);
            }
        }
    }
}
