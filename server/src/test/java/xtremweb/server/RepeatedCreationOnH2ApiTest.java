package xtremweb.server;

import java.nio.file.Path;
import java.util.Map;
import xtremweb.server.db.Database;

/** Creations sent again with their Idempotency-Key, on embedded H2. */
class RepeatedCreationOnH2ApiTest extends RepeatedCreationApiContract {
    @Override
    Map<String, String> databaseConfig() {
        return Map.of();
    }

    @Override
    void dropDatabase() {
    }

    @Override
    java.sql.Connection database(Path home) throws java.sql.SQLException {
        // The same URL as the server's (path.home is var): this JVM's open database, joined.
        return java.sql.DriverManager.getConnection(Database.Target.h2(home.resolve("var")).url());
    }
}
