package xtremweb.server;

import java.util.Map;

/** Certificate logins on the embedded H2 database. */
class CertificateLoginOnH2ApiTest extends CertificateLoginApiContract {
    @Override
    Map<String, String> databaseConfig() {
        return Map.of();
    }

    @Override
    void dropDatabase() {
    }
}
