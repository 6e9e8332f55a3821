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
import xtremweb.common.testdb.MariaDbTemplate;

/**
 * A fresh, migrated database for one test: embedded H2 in a temp dir (migrated by {@link Database#open}),
 * or a new MariaDB database ({@code xwt_<random>}, see {@link #createMariaDb}) on the server named by
 * {@code XW_TEST_MARIADB_URL}, dropped on close.
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
     * A new MariaDB database ({@code xwt_<random>}) on the server named by {@code XW_TEST_MARIADB_URL}
     * that already holds the current schema and Flyway history, as a JDBC URL (for a whole server
     * under test, which runs Flyway on it and finds nothing pending); the test is skipped when the
     * variable is absent. The schema is copied from a template migrated once per JVM by the
     * product's {@link Database#open} ({@link MariaDbTemplate}): migrating each database took seconds.
     * Drop it with {@link #dropMariaDb}.
     */
    public static String createMariaDb() throws SQLException {
        String url = createEmptyMariaDb();
        try {
            MariaDbTemplate.on(adminUrl(), TestDatabase::migrateAsTheServerDoes).copyInto(databaseOf(url));
        } catch (SQLException | RuntimeException e) {
            dropMariaDb(url);
            throw e;
        }
        return url;
    }

    /**
     * A new, empty MariaDB database ({@code xwt_<random>}), as a JDBC URL: for the tests of what the
     * server does on a database it must migrate itself. Drop it with {@link #dropMariaDb}.
     */
    public static String createEmptyMariaDb() throws SQLException {
        String url = adminUrl();
        String name = "xwt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return MariaDbTemplate.urlOf(url, name);
    }

    private static void migrateAsTheServerDoes(String databaseUrl) {
        Database.open(new Database.Target(databaseUrl, Optional.empty(), Optional.empty()), 2).close();
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
