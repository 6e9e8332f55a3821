package xtremweb.server;

import java.util.Map;
import xtremweb.server.db.TestDatabase;

/** The long poll for many works on MariaDB (skipped unless XW_TEST_MARIADB_URL is set). */
class WorkAwaitOnMariaDbApiTest extends WorkAwaitApiContract {
    private String url;

    @Override
    Map<String, String> databaseConfig() throws Exception {
        url = TestDatabase.createMariaDb();
        return Map.of("XWdbUrl", url);
    }

    @Override
    java.sql.Connection anotherServersConnection(java.nio.file.Path home) throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(url);
    }

    @Override
    void dropDatabase() throws Exception {
        if (url != null) {
            TestDatabase.dropMariaDb(url);
        }
    }
}
