package xtremweb.server.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the operator, once at start, when MySQL/MariaDB is set to lose acknowledged commits:
 * InnoDB is durable only with {@code innodb_flush_log_at_trx_commit=1} (its default), where each
 * commit is written and fsynced to the redo log before it returns. With 0 or 2 a crash of the
 * database server or of the machine loses up to a second of commits that the grid server already
 * answered with a 2xx. The server still starts: the setting may be a deliberate trade.
 */
final class DurabilityCheck {
    private static final Logger LOG = LoggerFactory.getLogger(DurabilityCheck.class);

    private DurabilityCheck() {
    }

    static void warnIfCommitsAreNotFlushed(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT @@innodb_flush_log_at_trx_commit")) {
            r.next();
            String value = r.getString(1);
            c.rollback();
            warning(value).ifPresent(LOG::warn);
        } catch (SQLException e) {
            LOG.warn("could not read innodb_flush_log_at_trx_commit to check that commits are durable: {}", e.getMessage());
        }
    }

    /** The WARN line for a value of {@code innodb_flush_log_at_trx_commit}, empty when commits are durable. */
    static Optional<String> warning(String flushLogAtTrxCommit) {
        if ("1".equals(flushLogAtTrxCommit)) {
            return Optional.empty();
        }
        return Optional.of("the database has innodb_flush_log_at_trx_commit=" + flushLogAtTrxCommit
                + ": a crash of the database server or of its machine can lose up to a second of commits this server"
                + " already acknowledged (2xx); set innodb_flush_log_at_trx_commit=1 in the database's configuration"
                + " for durable commits");
    }
}
