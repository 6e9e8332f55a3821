package xtremweb.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/** Opens the connection pool (embedded H2 by default, MySQL/MariaDB when configured) and migrates the schema. */
public final class Database {
    /** H2 settings that make it accept the MySQL dialect the repositories and migrations use. */
    public static final String H2_OPTIONS = ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=VALUE,USER";

    private Database() {
    }

    /** Where to connect: a full JDBC URL and optional credentials. */
    public record Target(String url, Optional<String> user, Optional<String> password) {
        public static Target h2(Path home) {
            return new Target("jdbc:h2:file:" + home.resolve("db").resolve("xtremweb").toAbsolutePath() + H2_OPTIONS,
                    Optional.empty(), Optional.empty());
        }

        @Override
        public String toString() {
            return "Target[url=" + url + ", user=" + user.orElse("") + "]";
        }
    }

    public static HikariDataSource open(Target target, int maxPoolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(target.url());
        target.user().ifPresent(config::setUsername);
        target.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(maxPoolSize);
        config.setPoolName("xw-db");
        if (target.url().startsWith("jdbc:mysql:") || target.url().startsWith("jdbc:mariadb:")) {
            // Connector/J sends a JDBC batch (a parameter sweep's works) as multi-row INSERTs
            // instead of one round trip per row.
            config.addDataSourceProperty("rewriteBatchedStatements", "true");
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            migrate(dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return dataSource;
    }

    public static void migrate(javax.sql.DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }
}
