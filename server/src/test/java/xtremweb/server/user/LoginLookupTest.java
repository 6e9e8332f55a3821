package xtremweb.server.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import xtremweb.common.model.UserRights;
import xtremweb.server.db.Jdbc;
import xtremweb.server.db.TestDatabase;

/**
 * A login names its account whatever its capitals, and only with exactly its letters, on the
 * embedded database and on MariaDB alike: MariaDB's default collation took "admin " and "ádmin"
 * for admin (each such spelling logged in and got its own five guesses past the throttle), and H2
 * refused "ADMIN" that MariaDB took.
 */
class LoginLookupTest {
    @TempDir
    Path temp;
    private TestDatabase db;

    static java.util.stream.Stream<String> kinds() {
        return TestDatabase.kinds();
    }

    @AfterEach
    void close() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aLoginIsFoundWhateverItsCapitalsAndOnlyWithExactlyItsLetters(String kind) throws Exception {
        db = TestDatabase.open(kind, temp.resolve("db"));
        Jdbc jdbc = new Jdbc(db.dataSource());
        UserRepository users = new UserRepository();
        String uid = UUID.randomUUID().toString();
        jdbc.tx("user", c -> {
            users.insert(c, new UserRow(uid, "admin", "x", null, UserRights.SUPER_USER, null, Instant.parse("2026-01-01T00:00:00Z")));
            return null;
        });
        for (String same : new String[] {"admin", "ADMIN", "Admin"}) {
            java.util.Optional<UserRow> found = jdbc.tx("find", c -> users.byLogin(c, same));
            assertThat(found.map(UserRow::uid)).as(same).contains(uid);
        }
        for (String other : new String[] {"admin ", "admin  ", "\u00e1dmin", "adm\u00efn", "admi"}) {
            java.util.Optional<UserRow> found = jdbc.tx("find", c -> users.byLogin(c, other));
            assertThat(found).as("'%s'", other).isEmpty();
        }
    }
}
