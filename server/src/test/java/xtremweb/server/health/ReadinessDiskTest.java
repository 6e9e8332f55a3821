package xtremweb.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.server.db.Database;

/** {@code GET /ready} answers anybody: a disk it cannot check is said without the server's paths. */
class ReadinessDiskTest {
    @TempDir
    Path home;

    @Test
    void aDataDirectoryThatCannotBeMadeIsNotReadyAndNamesNoPath() throws Exception {
        Path notADirectory = Files.writeString(home.resolve("data-is-a-file"), "x");
        try (HikariDataSource db = Database.open(Database.Target.h2(home.resolve("db")), 2)) {
            Readiness.Check disk = Readiness.after(db, notADirectory.resolve("data"), 0).check().checks().get("disk");
            assertThat(disk.ok()).isFalse();
            assertThat(disk.detail()).contains("the server's log says why").doesNotContain(home.toString());
        }
    }
}
