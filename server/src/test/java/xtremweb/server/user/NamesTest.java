package xtremweb.server.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.model.UserRights;
import xtremweb.server.cache.CacheDirectory;
import xtremweb.server.cache.NamedCache;
import xtremweb.server.db.Jdbc;
import xtremweb.server.db.TestDatabase;

/** Owners' logins: read once per UID, then from memory; a UID not found is read again next time. */
class NamesTest {
    @TempDir
    Path temp;
    private TestDatabase db;

    @AfterEach
    void tearDown() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aLoginIsReadOnceThenRememberedAndAnUnknownUidIsNot() throws Exception {
        db = TestDatabase.open("h2", temp.resolve("db"));
        Jdbc jdbc = db.jdbc();
        UserRepository users = new UserRepository();
        String alice = insert(jdbc, users, "alice");
        String later = UUID.randomUUID().toString();
        Names names = new Names(jdbc, users);

        assertThat(names.logins(List.of(alice, later))).containsExactly(java.util.Map.entry(alice, "alice"));
        // The product never renames a user; done behind its back here, it shows the second read
        // did not go to the database.
        jdbc.tx("rename", c -> {
            try (var s = c.createStatement()) {
                return s.executeUpdate("UPDATE users SET login = 'renamed' WHERE login = 'alice'");
            }
        });
        long hitsBefore = stats().hits();
        assertThat(names.logins(List.of(alice))).containsEntry(alice, "alice");
        assertThat(stats().hits()).as("counted in the metrics' cache figures").isEqualTo(hitsBefore + 1);

        // The UID unknown at first belongs to a user created since: found, not remembered as absent.
        insert(jdbc, users, "bob", later);
        assertThat(names.logins(Arrays.asList(alice, later, null))).containsEntry(alice, "alice").containsEntry(later, "bob")
                .hasSize(2);
    }

    private static NamedCache.Stats stats() {
        return CacheDirectory.live().stream().filter(c -> c.name().equals("owner-logins")).reduce((a, b) -> b).orElseThrow().stats();
    }

    private static String insert(Jdbc jdbc, UserRepository users, String login) {
        return insert(jdbc, users, login, UUID.randomUUID().toString());
    }

    private static String insert(Jdbc jdbc, UserRepository users, String login, String uid) {
        UserRow row = new UserRow(uid, login, "x", null, UserRights.STANDARD_USER, null, Instant.now());
        jdbc.tx("user", c -> {
            users.insert(c, row);
            return null;
        });
        return uid;
    }
}
