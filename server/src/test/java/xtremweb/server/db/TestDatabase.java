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
        String url = System.getenv(MARIADB_ENV);
        assumeTrue(url != null && !url.isBlank(), MARIADB_ENV + " is not set; MariaDB case skipped");
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException(MARIADB_ENV + " must look like jdbc:mysql://host:port/db?user=..., not " + url);
        }
        String name = "xwt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        String dbUrl = m.group(1) + name + Optional.ofNullable(m.group(3)).orElse("");
        return new TestDatabase(Database.open(new Database.Target(dbUrl, Optional.empty(), Optional.empty()), 10), url, name);
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
