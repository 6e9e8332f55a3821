package xtremweb.server;

import java.util.Map;

/** A malicious volunteer's result batches, on embedded H2. */
class ResultBatchAttacksOnH2ApiTest extends ResultBatchAttacksApiContract {
    @Override
    Map<String, String> databaseConfig() {
        return Map.of();
    }

    @Override
    void dropDatabase() {
    }
}
