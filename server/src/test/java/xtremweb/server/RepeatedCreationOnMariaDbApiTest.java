package xtremweb.server;

import java.nio.file.Path;
import java.util.Map;
import xtremweb.server.db.TestDatabase;

/** Creations sent again with their Idempotency-Key, on MariaDB (skipped unless XW_TEST_MARIADB_URL is set). */
class RepeatedCreationOnMariaDbApiTest extends RepeatedCreationApiContract {
    private String url;

    @Override
    Map<String, String> databaseConfig() throws Exception {
        if (url == null) {
            url = TestDatabase.createMariaDb();
        }
        return Map.of("XWdbUrl", url);
    }

    @Override
    java.sql.Connection database(Path home) throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(url);
    }

    @Override
    void dropDatabase() throws Exception {
        if (url != null) {
            TestDatabase.dropMariaDb(url);
        }
    }
}
