package xtremweb.server;

import java.util.Map;
import xtremweb.server.db.TestDatabase;

/** A malicious volunteer's result batches, on MariaDB (skipped unless XW_TEST_MARIADB_URL is set). */
class ResultBatchAttacksOnMariaDbApiTest extends ResultBatchAttacksApiContract {
    private String url;

    @Override
    Map<String, String> databaseConfig() throws Exception {
        url = TestDatabase.createMariaDb();
        return Map.of("XWdbUrl", url);
    }

    @Override
    void dropDatabase() throws Exception {
        if (url != null) {
            TestDatabase.dropMariaDb(url);
        }
    }
}
