package xtremweb.server;

import java.nio.file.Path;
import java.util.Map;
import xtremweb.server.db.Database;

/** The long poll for many works on embedded H2. */
class WorkAwaitOnH2ApiTest extends WorkAwaitApiContract {
    @Override
    Map<String, String> databaseConfig() {
        return Map.of();
    }

    @Override
    void dropDatabase() {
    }

    @Override
    java.sql.Connection anotherServersConnection(Path home) throws java.sql.SQLException {
        // The same URL as the server's (path.home is var): this JVM's open database, joined.
        return java.sql.DriverManager.getConnection(Database.Target.h2(home.resolve("var")).url());
    }
}
