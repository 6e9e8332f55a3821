package xtremweb.common.testdb;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fresh MariaDB test databases that already hold the current schema, made cheaply.
 *
 * <p>Running the migrations on an empty MariaDB database takes seconds (every DDL statement waits
 * on the disk), and the test run makes over a hundred such databases. Here the migrations run once
 * per JVM, through the product's own code (the caller's {@link Migration}), into a template
 * database {@code xwt_tpl_<random>}; each fresh database then gets the template's tables, created
 * from their own {@code SHOW CREATE TABLE}, and their rows (the Flyway history): a server started
 * on it still runs Flyway, which validates the history and finds nothing pending. The template is
 * dropped when the JVM exits.
 */
public final class MariaDbTemplate {
    /** Migrates the (empty) database at the given JDBC URL as the product does. */
    @FunctionalInterface
    public interface Migration {
        void migrate(String databaseUrl) throws Exception;
    }

    private static final Pattern URL = Pattern.compile("^(jdbc:(?:mysql|mariadb)://[^/]+/)([^?]*)(\\?.*)?$");
    private static MariaDbTemplate current;

    private final String adminUrl;
    private final String template;
    /** CREATE TABLE statements of the template's tables. */
    private final List<String> creates = new ArrayList<>();
    /** The template's tables that hold rows (copied into each database). */
    private final List<String> withRows = new ArrayList<>();

    private MariaDbTemplate(String adminUrl, String template) {
        this.adminUrl = adminUrl;
        this.template = template;
    }

    /**
     * The template of this JVM on the server of {@code adminUrl} (a JDBC URL whose user may create
     * databases), migrated by {@code migration} the first time.
     */
    public static synchronized MariaDbTemplate on(String adminUrl, Migration migration) throws SQLException {
        if (current != null && current.adminUrl.equals(adminUrl)) {
            return current;
        }
        String name = "xwt_tpl_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        MariaDbTemplate made = new MariaDbTemplate(adminUrl, name);
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(made::drop, "drop " + name));
        try {
            migration.migrate(urlOf(adminUrl, name));
        } catch (Exception e) {
            throw new SQLException("cannot migrate the template database " + name + ": " + e.getMessage(), e);
        }
        made.readTemplate();
        current = made;
        return made;
    }

    /** Gives {@code database} (existing, empty) the template's tables and rows. */
    public void copyInto(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            for (String create : creates) {
                s.execute(create.replaceFirst("^CREATE TABLE `", "CREATE TABLE " + database + ".`"));
            }
            for (String table : withRows) {
                s.execute("INSERT INTO " + database + ".`" + table + "` SELECT * FROM " + template + ".`" + table + "`");
            }
        }
    }

    /** The JDBC URL of {@code database} on the server of {@code adminUrl}, with the same parameters. */
    public static String urlOf(String adminUrl, String database) {
        Matcher m = URL.matcher(adminUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a MariaDB JDBC URL: " + adminUrl);
        }
        return m.group(1) + database + Optional.ofNullable(m.group(3)).orElse("");
    }

    private void readTemplate() throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                    + template + "' AND table_type = 'BASE TABLE' ORDER BY table_name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SHOW CREATE TABLE " + template + ".`" + table + "`")) {
                    rs.next();
                    String create = rs.getString(2);
                    if (!create.startsWith("CREATE TABLE `")) {
                        throw new SQLException("unexpected SHOW CREATE TABLE of " + table + ": " + create);
                    }
                    creates.add(create);
                }
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + template + ".`" + table + "`")) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        withRows.add(table);
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM information_schema.routines WHERE routine_schema = '"
                    + template + "') + (SELECT COUNT(*) FROM information_schema.triggers WHERE trigger_schema = '" + template
                    + "') + (SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '" + template
                    + "' AND table_type <> 'BASE TABLE')")) {
                rs.next();
                if (rs.getLong(1) > 0 || tables.isEmpty()) {
                    throw new SQLException("the template " + template + " holds views, triggers, routines or no table:"
                            + " copying its tables would not give the migrated schema");
                }
            }
        }
    }

    private void drop() {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + template);
        } catch (SQLException e) {
            System.err.println("cannot drop the template database " + template + ": " + e.getMessage());
        }
    }
}
