package xtremweb.server.user;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import xtremweb.server.db.Jdbc;

/** One query shape for the user and user group tables: the name of each of many UIDs, a few hundred UIDs per query. */
final class NamesByUid {
    private static final int PER_QUERY = 500;

    private NamesByUid() {
    }

    /** {@code select} is a constant {@code SELECT uid, <name> FROM <table> WHERE uid IN }; the list is appended. */
    static Map<String, String> read(Connection c, String select, Collection<String> uids) throws SQLException {
        List<String> distinct = uids.stream().filter(Objects::nonNull).distinct().toList();
        Map<String, String> names = new HashMap<>();
        for (String[] row : Jdbc.readByUids(c, distinct, PER_QUERY, marks -> select + "(" + marks + ")",
                rs -> new String[] {rs.getString(1), rs.getString(2)})) {
            names.put(row[0], row[1]);
        }
        return names;
    }
}
