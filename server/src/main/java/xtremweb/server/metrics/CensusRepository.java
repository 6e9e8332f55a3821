package xtremweb.server.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import xtremweb.common.model.WorkStatus;
import xtremweb.server.db.Jdbc;

/**
 * The counting queries of the census: aggregates over the works and hosts tables, read-only, each
 * answered from an index ({@code works(status, owner_uid, submitted)}) or a table of hosts.
 */
final class CensusRepository {
    /** Owners listed by name in the queue; the others are summed, so a gauge's labels stay few. */
    static final int TOP_OWNERS = 10;

    Census count(Connection c, Instant now, Duration aliveWithin) throws SQLException {
        Map<WorkStatus, Long> works = new EnumMap<>(WorkStatus.class);
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT status, COUNT(*) AS n FROM works WHERE deleted = FALSE GROUP BY status");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                works.put(WorkStatus.valueOf(rs.getString("status")), rs.getLong("n"));
            }
        }
        List<Census.OwnerQueue> top = new ArrayList<>();
        long others = 0;
        int owners = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT w.owner_uid, u.login, COUNT(*) AS n FROM works w"
                + " JOIN users u ON u.uid = w.owner_uid WHERE w.status = 'PENDING' AND w.deleted = FALSE"
                + " GROUP BY w.owner_uid, u.login ORDER BY n DESC, u.login");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                owners++;
                if (top.size() < TOP_OWNERS) {
                    top.add(new Census.OwnerQueue(rs.getString("owner_uid"), rs.getString("login"), rs.getLong("n")));
                } else {
                    others += rs.getLong("n");
                }
            }
        }
        Census.Hosts hosts;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) AS registered,"
                + " SUM(CASE WHEN last_alive >= ? THEN 1 ELSE 0 END) AS alive,"
                + " SUM(CASE WHEN enabled THEN 1 ELSE 0 END) AS enabled,"
                + " SUM(CASE WHEN benched_until > ? THEN 1 ELSE 0 END) AS benched FROM hosts")) {
            Jdbc.setInstant(ps, 1, now.minus(aliveWithin));
            Jdbc.setInstant(ps, 2, now);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                hosts = new Census.Hosts(rs.getLong("registered"), rs.getLong("alive"), rs.getLong("enabled"), rs.getLong("benched"));
            }
        }
        return new Census(now, works, top, others, owners, hosts);
    }
}
