package xtremweb.server.grouping;

import java.util.Map;

/** The sessions and groups contract on the embedded database. */
class SessionsAndGroupsOnH2ApiTest extends SessionsAndGroupsApiContract {
    @Override
    Map<String, String> databaseConfig() {
        return Map.of();
    }

    @Override
    void dropDatabase() {
        // the embedded database lives in the test's temporary home
    }
}
