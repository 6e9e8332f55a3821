package xtremweb.server;

import java.util.Map;

/** Both worker protocols on embedded H2. */
class WorkerProtocolOnH2ApiTest extends WorkerProtocolApiContract {
    @Override
    Map<String, String> databaseConfig() {
        return Map.of();
    }

    @Override
    void dropDatabase() {
    }
}
