package xtremweb.server.pilot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import xtremweb.common.rights.AccessRights;
import xtremweb.server.policy.Owned;

/**
 * The pending works a pilot could be given, counted per owner, owner's group and rights: a handful
 * of rows however many works wait, so that the access policy (not SQL) decides which of them a
 * worker identity may run. Works pinned to one host ({@code expected_host_uid}) never go to a
 * pilot and are left out; so are works whose app has no binary for the pilots' platform.
 */
final class PendingDemand {
    /** Pending works sharing one owner, owner's group and rights. */
    record Share(Owned owned, long pending) {
    }

    List<Share> shares(Connection c, String os, String cpu) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT w.owner_uid, u.usergroup_uid, w.access_rights, COUNT(*) AS pending"
                + " FROM works w LEFT JOIN users u ON u.uid = w.owner_uid"
                + " WHERE w.status = 'PENDING' AND w.deleted = FALSE AND w.expected_host_uid IS NULL"
                + " AND EXISTS (SELECT 1 FROM app_binaries b WHERE b.app_uid = w.app_uid AND b.os = ? AND b.cpu = ?)"
                + " GROUP BY w.owner_uid, u.usergroup_uid, w.access_rights")) {
            ps.setString(1, os);
            ps.setString(2, cpu);
            try (ResultSet rs = ps.executeQuery()) {
                List<Share> shares = new ArrayList<>();
                while (rs.next()) {
                    shares.add(new Share(new Owned(rs.getString("owner_uid"), rs.getString("usergroup_uid"),
                            new AccessRights(rs.getInt("access_rights"))), rs.getLong("pending")));
                }
                return shares;
            }
        }
    }
}
