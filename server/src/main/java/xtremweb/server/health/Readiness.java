package xtremweb.server.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this server can do its job: the database answers, its schema is at the version this
 * server migrated it to at start (a restored old backup or an emptied database is not), and the
 * disk that holds data and results has room. Each probe opens one connection; a database that does
 * not answer within {@link #DATABASE_WAIT} counts as down, and probes that arrive meanwhile share
 * the one still waiting instead of piling up threads.
 */
public final class Readiness {
    private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);
    static final Duration DATABASE_WAIT = Duration.ofSeconds(2);
    private final DataSource dataSource;
    private final String schemaVersion;
    private final Path dataDir;
    private final long minFreeBytes;
    private final AtomicReference<CompletableFuture<Check[]>> inFlight = new AtomicReference<>();
    // Probes come every few seconds: an outage is logged once, not at each of them.
    private final java.util.concurrent.atomic.AtomicBoolean quiet = new java.util.concurrent.atomic.AtomicBoolean();

    /** One check's verdict, with a sentence for the operator when it fails. */
    public record Check(String name, boolean ok, String detail) {
    }

    /** All checks; ready when every one passed. */
    public record Report(boolean ready, Map<String, Check> checks) {
    }

    private Readiness(DataSource dataSource, String schemaVersion, Path dataDir, long minFreeBytes) {
        this.dataSource = dataSource;
        this.schemaVersion = schemaVersion;
        this.dataDir = dataDir;
        this.minFreeBytes = minFreeBytes;
    }

    /** Reads the schema version the start-up migration left, which later probes expect. */
    public static Readiness after(DataSource migrated, Path dataDir, long minFreeBytes) {
        try (Connection c = migrated.getConnection()) {
            String version = schemaVersion(c);
            c.rollback();
            return new Readiness(migrated, version, dataDir, minFreeBytes);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the schema version after migrating: " + e.getMessage(), e);
        }
    }

    public Report check() {
        Map<String, Check> checks = new LinkedHashMap<>();
        for (Check c : database()) {
            checks.put(c.name(), c);
        }
        Check disk = disk();
        checks.put(disk.name(), disk);
        return new Report(checks.values().stream().allMatch(Check::ok), checks);
    }

    private Check[] database() {
        CompletableFuture<Check[]> mine = new CompletableFuture<>();
        CompletableFuture<Check[]> running = inFlight.compareAndExchange(null, mine);
        if (running == null) {
            running = mine;
            Thread.ofVirtual().name("xw-ready-probe").start(() -> {
                try {
                    mine.complete(probeDatabase());
                } catch (RuntimeException | Error e) {
                    mine.completeExceptionally(e);
                } finally {
                    inFlight.compareAndSet(mine, null);
                }
            });
        }
        try {
            return running.get(DATABASE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return down("the database did not answer within " + DATABASE_WAIT.toSeconds() + " s");
        } catch (ExecutionException e) {
            LOG.warn("readiness: the database check failed", e.getCause());
            return down("the database check failed; the server's log says why");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted while asking the database");
        }
    }

    private Check[] probeDatabase() {
        try (Connection c = dataSource.getConnection()) {
            try {
                quiet.set(false);
                String found = schemaVersion(c);
                boolean same = schemaVersion.equals(found);
                return new Check[] {new Check("database", true, "reachable"), new Check("migrations", same, same
                        ? "schema at version " + found
                        : "the schema is at version " + found + ", this server expects " + schemaVersion
                                + "; restart the server to migrate it, or restore the right database")};
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            // A reachable database without the history table: emptied, or another database.
            if (e.getMessage() != null && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("flyway_schema_history")) {
                return new Check[] {new Check("database", true, "reachable"), new Check("migrations", false,
                        "the database has no migration history (emptied, or not XtremWeb's); restart the server to create the schema")};
            }
            // The driver's message may name hosts and files: the server's log has it, the public answer does not.
            if (!quiet.getAndSet(true)) {
                LOG.warn("readiness: the database is unreachable: {}", e.getMessage());
            }
            return down("the database is unreachable; check that it runs and that the XWdb keys point at it (the server's log says more)");
        }
    }

    private static Check[] down(String why) {
        return new Check[] {new Check("database", false, why), new Check("migrations", false, "unknown while the database is down")};
    }

    private static String schemaVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM flyway_schema_history"
                + " WHERE success = TRUE AND version IS NOT NULL ORDER BY installed_rank DESC");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : "none";
        }
    }

    private Check disk() {
        try {
            Files.createDirectories(dataDir);
            long free = Files.getFileStore(dataDir).getUsableSpace();
            boolean ok = free >= minFreeBytes;
            return new Check("disk", ok, ok ? "enough free space" : "less than " + minFreeBytes / (1024 * 1024)
                    + " MiB free where the data and results are kept; free some or lower ready.minFreeDisk");
        } catch (IOException e) {
            // The exception names the directory: the server's log has it, the public answer does not.
            LOG.warn("readiness: cannot read the free space of {}: {}", dataDir, e.toString());
            return new Check("disk", false, "cannot read the free space of the data directory; the server's log says why");
        }
    }
}
