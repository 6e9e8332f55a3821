package xtremweb.server.user;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One query shape for the user and user group tables: the name of each of many UIDs, a few hundred UIDs per query. */
final class NamesByUid {
    private static final int PER_QUERY = 500;

    private NamesByUid() {
    }

    /** {@code select} is a constant {@code SELECT uid, <name> FROM <table> WHERE uid IN }; the list is appended. */
    static Map<String, String> read(Connection c, String select, Collection<String> uids) throws SQLException {
        List<String> distinct = uids.stream().filter(Objects::nonNull).distinct().toList();
        Map<String, String> names = new HashMap<>();
        for (int from = 0; from < distinct.size(); from += PER_QUERY) {
            List<String> part = distinct.subList(from, Math.min(distinct.size(), from + PER_QUERY));
            String marks = String.join(", ", Collections.nCopies(part.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement(select + "(" + marks + ")")) {
                for (int i = 0; i < part.size(); i++) {
                    ps.setString(i + 1, part.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        names.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
        }
        return names;
    }
}
