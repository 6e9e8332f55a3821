package xtremweb.benchmark.dispatch;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a phase asked of MariaDB, per job: its statements by kind and its commits, from the server's
 * global status counters (read before and after the phase). CPU per job moves with the machine's
 * load; these counts do not, so they show what a change to the server's transactions saves. The
 * counters are the whole MariaDB server's: anything else using it during the run is counted too.
 */
final class DbStatements {
    /** The counters read, in the order printed. */
    private static final String[] COUNTERS = {"Com_select", "Com_insert", "Com_update", "Com_delete", "Com_commit",
            "Com_rollback", "Questions"};
    private final String url;
    private final Map<String, Long> before;

    private DbStatements(String url) throws SQLException {
        this.url = url;
        this.before = read(url);
    }

    /** Starts counting now, if the server runs on MariaDB ({@code url}); empty on H2. */
    static Optional<DbStatements> start(Optional<String> url) throws SQLException {
        return url.isEmpty() ? Optional.empty() : Optional.of(new DbStatements(url.get()));
    }

    /** The statements per job since the start, e.g. {@code select 2.01 / insert 1.02 / ... / questions 9.3}. */
    String perJob(int jobs) throws SQLException {
        Map<String, Long> after = read(url);
        StringBuilder s = new StringBuilder();
        for (String counter : COUNTERS) {
            if (!s.isEmpty()) {
                s.append(" / ");
            }
            s.append(counter.replace("Com_", "").toLowerCase()).append(' ')
                    .append(String.format("%.2f", (double) (after.get(counter) - before.get(counter)) / jobs));
        }
        return s.toString();
    }

    private static Map<String, Long> read(String url) throws SQLException {
        Map<String, Long> values = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN"
                     + " ('Com_select','Com_insert','Com_update','Com_delete','Com_commit','Com_rollback','Questions')")) {
            while (rs.next()) {
                values.put(rs.getString(1), Long.parseLong(rs.getString(2)));
            }
        }
        for (String counter : COUNTERS) {
            values.putIfAbsent(counter, 0L);
        }
        return values;
    }
}
