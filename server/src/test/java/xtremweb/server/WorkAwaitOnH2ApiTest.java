package xtremweb.server;

import java.util.Map;

/** The long poll for many works on embedded H2. */
class WorkAwaitOnH2ApiTest extends WorkAwaitApiContract {
    @Override
    Map<String, String> databaseConfig() {
        return Map.of();
    }

    @Override
    void dropDatabase() {
    }
}
