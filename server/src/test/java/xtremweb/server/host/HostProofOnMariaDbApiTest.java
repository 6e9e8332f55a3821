package xtremweb.server.host;

import java.util.Map;
import xtremweb.server.db.TestDatabase;

/** Host UIDs kept only with proof on MariaDB (skipped unless XW_TEST_MARIADB_URL is set). */
class HostProofOnMariaDbApiTest extends HostProofApiContract {
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
