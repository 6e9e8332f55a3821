package xtremweb.server.host;

import java.util.Map;

/** Host and task listings, and app owners, on the embedded database. */
class HostsTasksAndAppOwnersOnH2ApiTest extends HostsTasksAndAppOwnersApiContract {
    @Override
    Map<String, String> databaseConfig() {
        return Map.of();
    }

    @Override
    void dropDatabase() {
        // the embedded database lives in the test's temporary home
    }
}
