package xtremweb.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/** Opens the connection pool (embedded H2 by default, MySQL/MariaDB when configured) and migrates the schema. */
public final class Database {
    /** H2 settings that make it accept the MySQL dialect the repositories and migrations use. */
    public static final String H2_OPTIONS = ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=VALUE,USER"
            // H2 parses a statement again unless it is among the session's last few (8 by default);
            // a work's life runs a few dozen distinct ones.
            + ";QUERY_CACHE_SIZE=64"
            // A 2xx is a promise: H2 2.x otherwise writes commits up to 500 ms later (its default
            // write delay), and a server killed in that window loses what it acknowledged. With 0,
            // each commit is written to the file before commit() returns (it then survives a kill
            // of the process; H2 does not fsync it, so a power cut may still lose the last ones).
            // Measured: a one-row commit goes from ~0.1 ms to ~0.35 ms (see the README).
            + ";WRITE_DELAY=0";

    /**
     * Connector/J settings for a busy server: keep session state
     * (auto-commit, isolation) locally instead of asking the server, cache parsed statements, and
     * send a JDBC batch as one multi-row statement (a 10,000-work sweep is a few round trips).
     * Statements are prepared on the client (text protocol): one round trip per execution either way.
     *
     * <p>{@code cacheResultSetMetadata}: a result's column definitions are decoded once per statement
     * text and connection, not for every result; reading a column by name then finds it in a map built
     * once instead of one built per result. Profiled (JFR, issue 15), decoding the definitions and
     * building that map were a quarter of the driver's CPU per job. Safe because every query names its
     * columns (no {@code SELECT *}) and the schema only changes through Flyway before anything serves:
     * a newer server adding columns during a rolling upgrade does not change what an older one's
     * queries return.
     */
    private static final java.util.Map<String, String> MYSQL_DEFAULTS = java.util.Map.of(
            "useLocalSessionState", "true",
            "cachePrepStmts", "true",
            "prepStmtCacheSize", "250",
            "prepStmtCacheSqlLimit", "2048",
            "rewriteBatchedStatements", "true",
            "cacheServerConfiguration", "true",
            "maintainTimeStats", "false",
            "cacheResultSetMetadata", "true");

    /** The longest a transaction waits for a pooled connection (see {@link #open}). */
    static final java.time.Duration CONNECTION_TIMEOUT = java.time.Duration.ofSeconds(3);
    /** The longest the check of an idle connection lasts before it is handed out. */
    static final java.time.Duration VALIDATION_TIMEOUT = java.time.Duration.ofSeconds(1);
    /**
     * The longest a MySQL/MariaDB statement waits for the database's answer (XWdbSocketTimeout) before
     * its request is answered 503: above MariaDB's and MySQL's {@code innodb_lock_wait_timeout} (50 s),
     * so a statement waiting for a row lock meets the database's own lock wait timeout (1205, which
     * {@link Jdbc#tx} runs again) before this, and is never cut mid-wait by it.
     */
    public static final java.time.Duration DEFAULT_SOCKET_TIMEOUT = java.time.Duration.ofSeconds(60);

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
            // A URL may carry the password (?password=...): never in a log line.
            return "Target[url=" + url.replaceAll("(?i)(password=)[^&;]*", "$1***") + ", user=" + user.orElse("") + "]";
        }
    }

    /** {@link #open(Target, int, java.time.Duration)} with the default socket timeout. */
    public static HikariDataSource open(Target target, int maxPoolSize) {
        return open(target, maxPoolSize, DEFAULT_SOCKET_TIMEOUT);
    }

    /**
     * The pool, the schema migrated. {@code socketTimeout}: the longest a statement on MySQL/MariaDB
     * waits for the database's answer (unused on the embedded H2, which has no network to freeze).
     */
    public static HikariDataSource open(Target target, int maxPoolSize, java.time.Duration socketTimeout) {
        EmbeddedRecovery.recoverNewestState(target.url());
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(target.url());
        target.user().ifPresent(config::setUsername);
        target.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(maxPoolSize);
        config.setPoolName("xw-db");
        // How long a transaction waits for a connection before its request is answered 503 with
        // Retry-After. Hikari's 30 s default held every request of an outage's first half minute
        // (a database stopped, frozen or cut off) for 30 s, with its place of the admission limit
        // and its thread, and a worker's heartbeat or result upload timed out instead of being told
        // to come back; once one has failed, Jdbc refuses the others at once. A connection is
        // handed out in milliseconds even when the pool is saturated, so 3 s only ends real waits.
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        // Each idle connection is checked before it is handed out: against a frozen database each
        // check lasts this long (Hikari's default, 5 s, is longer than the whole wait above).
        config.setValidationTimeout(VALIDATION_TIMEOUT.toMillis());
        // Every unit of work is a transaction (Jdbc.tx): connections live with auto-commit off, so
        // neither taking nor returning one costs a round trip to switch it.
        config.setAutoCommit(false);
        if (target.url().startsWith("jdbc:mysql:") || target.url().startsWith("jdbc:mariadb:")) {
            MYSQL_DEFAULTS.forEach(config::addDataSourceProperty);
            // Without it a statement sent to a database that stopped answering without closing the
            // connection (its process frozen, its host hung, a network cut that sends no reset) waits
            // for ever, and so do its request, a worker's long poll and every caller of a group commit
            // behind it: Hikari checks a connection before handing it out only when it has been idle
            // for 500 ms, so those used just before the freeze are handed out unchecked. Cut, the
            // statement fails as a lost connection (08S01): the transaction is rolled back, the request
            // answered 503 database-unavailable, and the pool drops the connection.
            config.addDataSourceProperty("socketTimeout", String.valueOf(socketTimeout.toMillis()));
            // Connecting to a host that does not answer otherwise waits for the kernel's SYN retries
            // (about 2 min) in the pool's one thread that adds connections, so it would notice the
            // database back that much later. A connection not made within the callers' wait for one
            // (3 s) comes too late for them anyway. (Hikari also gives the driver this bound through
            // DriverManager's login timeout, but that one is shared by every pool of the JVM.)
            config.addDataSourceProperty("connectTimeout", String.valueOf(CONNECTION_TIMEOUT.toMillis()));
        }
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (com.zaxxer.hikari.pool.HikariPool.PoolInitializationException e) {
            throw cannotOpen(target, e);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof java.sql.SQLException sql && "08001".equals(sql.getSQLState())) {
                // DriverManager's "No suitable driver": XWdbUrl names a database this server has no driver for
                String where = target.url().replaceAll("[?;].*", "").replaceAll("//[^/@]*@", "//");
                throw new xtremweb.common.config.ConfigException("cannot open the database " + where + ": this server"
                        + " speaks jdbc:mysql:// (MySQL 8, MariaDB 10.6+) and its embedded H2; fix XWdbUrl in the server's"
                        + " configuration, or leave it out for the embedded database");
            }
            throw e;
        }
        try {
            migrate(dataSource);
            if (!target.url().startsWith("jdbc:h2:")) {
                DurabilityCheck.warnIfCommitsAreNotFlushed(dataSource);
            }
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return dataSource;
    }

    /**
     * A database that cannot be opened at start, in one line naming what to fix, as ServerMain prints
     * a configuration mistake (no stack trace): the embedded database held by another process (a
     * server already running on this path.home), or a database server that refuses or does not answer.
     */
    static xtremweb.common.config.ConfigException cannotOpen(Target target, Exception failure) {
        Throwable deepest = failure;
        boolean locked = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            deepest = t;
            locked |= t instanceof java.sql.SQLException sql && sql.getErrorCode() == 90020; // H2 DATABASE_ALREADY_OPEN
        }
        if (target.url().startsWith("jdbc:h2:")) {
            String file = target.url().substring("jdbc:h2:file:".length()).split(";")[0] + ".mv.db";
            if (locked) {
                return new xtremweb.common.config.ConfigException("the embedded database " + file + " is in use by another"
                        + " process: an XtremWeb server already runs on this path.home (bin/xtremweb.server status);"
                        + " stop it, or give this server its own path.home");
            }
            return new xtremweb.common.config.ConfigException("cannot open the embedded database " + file + ": "
                    + deepest.getMessage() + "; check path.home in the server's configuration");
        }
        // never the password: not the URL's query nor its user:password@
        String where = target.url().replaceAll("[?;].*", "").replaceAll("//[^/@]*@", "//");
        return new xtremweb.common.config.ConfigException("cannot open the database " + where + ": " + deepest.getMessage()
                + "; check that it runs, and XWdbUrl or XWdbHost, XWdbPort, XWdbName, XWdbUser and XWdbPass in the"
                + " server's configuration");
    }

    /**
     * Applies the pending migrations, on connections without the socket timeout: a migration that
     * rebuilds a big table may rightly take longer than any statement of a request, and cut, it
     * would stop the server's start (or leave a MySQL schema half changed, its DDL not being
     * transactional). The pool sets each connection's timeout back when it is returned.
     */
    public static void migrate(javax.sql.DataSource dataSource) {
        Flyway.configure().dataSource(new UnboundedStatements(dataSource)).locations("classpath:db/migration").load().migrate();
    }
}
