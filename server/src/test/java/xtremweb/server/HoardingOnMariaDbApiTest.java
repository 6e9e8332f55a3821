package xtremweb.server;

import java.util.Map;
import xtremweb.server.db.TestDatabase;

/** Hoarding hosts held back, on MariaDB (skipped unless XW_TEST_MARIADB_URL is set). */
class HoardingOnMariaDbApiTest extends HoardingApiContract {
    private String url;

    @Override
    Map<String, String> databaseConfig() throws Exception {
        if (url == null) {
            url = TestDatabase.createMariaDb();
        }
        return Map.of("XWdbUrl", url);
    }

    @Override
    void dropDatabase() throws Exception {
        if (url != null) {
            TestDatabase.dropMariaDb(url);
            url = null;
        }
    }
}
