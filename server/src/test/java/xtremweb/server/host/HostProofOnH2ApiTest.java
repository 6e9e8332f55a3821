package xtremweb.server.host;

import java.util.Map;

/** Host UIDs kept only with proof on the embedded database. */
class HostProofOnH2ApiTest extends HostProofApiContract {
    @Override
    Map<String, String> databaseConfig() {
        return Map.of();
    }

    @Override
    void dropDatabase() {
        // the embedded database lives in the test's temporary home
    }
}
