package xtremweb.server;

import java.util.Map;

/** Hoarding hosts held back, on embedded H2. */
class HoardingOnH2ApiTest extends HoardingApiContract {
    @Override
    Map<String, String> databaseConfig() {
        return Map.of();
    }

    @Override
    void dropDatabase() {
    }
}
