package xtremweb.server.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import xtremweb.common.model.DataStatus;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.rights.AccessRights;
import xtremweb.server.db.Jdbc;
import xtremweb.server.db.TestDatabase;
import xtremweb.server.work.WorkRepository;
import xtremweb.server.work.WorkRow;

/** Reference counting and the sweep, on the embedded database and on MariaDB. */
class DataHousekeepingTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    @TempDir
    Path temp;
    private TestDatabase db;
    private Jdbc jdbc;
    private final DataRepository datas = new DataRepository();
    private final WorkRepository works = new WorkRepository();
    private LocalDataStore store;

    static List<String> kinds() {
        return TestDatabase.kinds().toList();
    }

    @AfterEach
    void close() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("kinds")
    void deletedDataGoesFromDiskOnlyOnceNoLiveWorkRefersToIt(String kind) throws Exception {
        db = TestDatabase.open(kind, temp.resolve("db"));
        jdbc = db.jdbc();
        store = new LocalDataStore(temp.resolve("data"));
        String stdin = data(true);
        String orphan = data(true);
        String kept = data(false);
        String work = UUID.randomUUID().toString();
        jdbc.tx("work", c -> {
            works.insert(c, new WorkRow(work, "app", "app", "owner", null, null, List.of(), WorkStatus.PENDING, null, null,
                    stdin, null, null, AccessRights.PUBLIC, 0, 0, false, null, NOW, null, WorkRow.Requirements.NONE, null, null));
            return null;
        });
        DataHousekeeping housekeeping = new DataHousekeeping(jdbc, datas, store);

        assertThat(housekeeping.sweepOnce()).isEqualTo(1);
        assertThat(store.path(orphan)).doesNotExist();
        assertThat(store.path(stdin)).exists();
        assertThat(store.path(kept)).exists();

        jdbc.tx("delete work", c -> works.markDeleted(c, work));
        assertThat(housekeeping.sweepOnce()).isEqualTo(1);
        assertThat(store.path(stdin)).doesNotExist();
        java.util.Optional<DataRow> gone = jdbc.tx("find", c -> datas.byUid(c, stdin));
        java.util.Optional<DataRow> still = jdbc.tx("find", c -> datas.byUid(c, kept));
        assertThat(gone).isEmpty();
        assertThat(still).isPresent();
        assertThat(housekeeping.sweepOnce()).isZero();
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("kinds")
    void ofTwoServersSweepingTheSameDataExactlyOneRemovesIt(String kind) throws Exception {
        db = TestDatabase.open(kind, temp.resolve("db"));
        jdbc = db.jdbc();
        store = new LocalDataStore(temp.resolve("data"));
        String uid = data(true);
        boolean first = jdbc.tx("first", c -> datas.removeIfSweepable(c, uid));
        boolean second = jdbc.tx("second", c -> datas.removeIfSweepable(c, uid));
        assertThat(first).isTrue();
        assertThat(second).isFalse();
    }

    private String data(boolean deleted) throws Exception {
        String uid = UUID.randomUUID().toString();
        Path file = store.path(uid);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "content of " + uid);
        jdbc.tx("data", c -> {
            datas.insert(c, new DataRow(uid, "d", null, null, null, 10L, "00", 10L, "00", DataStatus.AVAILABLE,
                    AccessRights.PUBLIC, "owner", null, NOW));
            if (deleted) {
                datas.markDeleted(c, uid);
            }
            return null;
        });
        return uid;
    }
}
