package xtremweb.server.app;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import xtremweb.common.rights.AccessRights;
import xtremweb.common.wire.AppBinary;

/** The app_binaries table: one binary data per app, OS and CPU. */
public final class AppBinaryRepository {
    /** Adds the binary or replaces the one the app had for that platform. */
    public void put(Connection c, String appUid, AppBinary binary) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM app_binaries WHERE app_uid = ? AND os = ? AND cpu = ?")) {
            ps.setString(1, appUid);
            ps.setString(2, binary.os());
            ps.setString(3, binary.cpu());
            ps.executeUpdate();
        }
        insert(c, appUid, binary);
    }

    /**
     * The first binary of a new app: nothing to replace, so no DELETE first. On InnoDB a DELETE that
     * finds no row locks the gap where it would be; two apps inserted at once each held that gap
     * and then waited for the other's to insert: a deadlock, and one xwsendapp failed with a 500.
     */
    public void insert(Connection c, String appUid, AppBinary binary) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO app_binaries (app_uid, os, cpu, data_uid) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, appUid);
            ps.setString(2, binary.os());
            ps.setString(3, binary.cpu());
            ps.setString(4, binary.dataUid());
            ps.executeUpdate();
        }
    }

    public List<AppBinary> of(Connection c, String appUid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT os, cpu, data_uid FROM app_binaries WHERE app_uid = ? ORDER BY os, cpu")) {
            ps.setString(1, appUid);
            try (ResultSet rs = ps.executeQuery()) {
                List<AppBinary> binaries = new ArrayList<>();
                while (rs.next()) {
                    binaries.add(new AppBinary(rs.getString("os"), rs.getString("cpu"), rs.getString("data_uid")));
                }
                return binaries;
            }
        }
    }

    /**
     * The widest rights of the live apps that use this data as a binary (the bits of each OR-ed),
     * empty when none does: a binary shared by several apps is readable by whoever may read one of them.
     */
    public Optional<AccessRights> widestAppRights(Connection c, String dataUid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT a.access_rights FROM app_binaries b"
                + " JOIN apps a ON a.uid = b.app_uid WHERE b.data_uid = ? AND a.deleted = FALSE")) {
            ps.setString(1, dataUid);
            Integer bits = null;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    bits = (bits == null ? 0 : bits) | rs.getInt(1);
                }
            }
            return Optional.ofNullable(bits).map(AccessRights::new);
        }
    }
}
