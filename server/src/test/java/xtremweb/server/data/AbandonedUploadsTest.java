package xtremweb.server.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import xtremweb.common.model.DataStatus;
import xtremweb.common.rights.AccessRights;
import xtremweb.server.MutableClock;
import xtremweb.server.db.Jdbc;
import xtremweb.server.db.TestDatabase;

/** What interrupted uploads leave on disk goes, and nothing an upload still uses does. */
class AbandonedUploadsTest {
    @TempDir
    Path temp;
    private TestDatabase db;

    static List<String> kinds() {
        return TestDatabase.kinds().toList();
    }

    @AfterEach
    void close() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aTempFileBeingWrittenOrWaitingToBeAcceptedIsNeverRemoved() throws Exception {
        LocalDataStore store = new LocalDataStore(temp.resolve("data"));
        CountDownLatch firstBytesIn = new CountDownLatch(1);
        CountDownLatch rest = new CountDownLatch(1);
        InputStream slow = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent == 1000) {
                    firstBytesIn.countDown();
                    try {
                        rest.await();
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                }
                return sent++ < 2000 ? 7 : -1;
            }
        };
        CompletableFuture<LocalDataStore.TempFile> receiving = CompletableFuture.supplyAsync(() -> {
            try {
                return store.receive("ab-slow", slow);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(firstBytesIn.await(10, TimeUnit.SECONDS)).isTrue();
        Files.write(temp.resolve("data/tmp/upload-left-by-a-killed-server.part"), new byte[10]);

        assertThat(store.removeAbandonedTemps(Instant.now())).isEqualTo(1);
        rest.countDown();
        LocalDataStore.TempFile received = receiving.get(10, TimeUnit.SECONDS);
        assertThat(store.removeAbandonedTemps(Instant.now())).isZero();
        assertThat(received.file()).hasSize(2000);

        store.accept(received, "ab" + UUID.randomUUID());
        assertThat(temp.resolve("data/tmp")).isEmptyDirectory();
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("kinds")
    void aResumablePartialGoesWhenItsDataIsGoneOrItPausedLongerThanTheResumeWindow(String kind) throws Exception {
        db = TestDatabase.open(kind, temp.resolve("db"));
        Jdbc jdbc = db.jdbc();
        DataRepository datas = new DataRepository();
        LocalDataStore store = new LocalDataStore(temp.resolve("data"));
        MutableClock clock = new MutableClock(Instant.now());
        DataHousekeeping housekeeping = new DataHousekeeping(jdbc, datas, store, clock, Duration.ofHours(24));
        String pausing = UUID.randomUUID().toString();
        String orphan = UUID.randomUUID().toString();
        jdbc.tx("data", c -> {
            datas.insert(c, new DataRow(pausing, "d", null, null, null, null, null, 300L, null, DataStatus.UNAVAILABLE,
                    AccessRights.PUBLIC, "owner", null, clock.instant()));
            return null;
        });
        store.append(pausing, 0, new ByteArrayInputStream(new byte[100]));
        store.append(orphan, 0, new ByteArrayInputStream(new byte[100]));

        assertThat(housekeeping.removeAbandonedUploads()).isEqualTo(1);
        assertThat(store.received(orphan)).isZero();
        assertThat(store.received(pausing)).isEqualTo(100);

        clock.advance(Duration.ofHours(23));
        assertThat(housekeeping.removeAbandonedUploads()).isZero();
        clock.advance(Duration.ofHours(2));
        assertThat(housekeeping.removeAbandonedUploads()).isEqualTo(1);
        assertThat(store.received(pausing)).isZero();
        // The data stays: its owner uploads it again from byte 0.
        java.util.Optional<DataRow> kept = jdbc.tx("find", c -> datas.liveByUid(c, pausing));
        assertThat(kept).isPresent();
    }
}
