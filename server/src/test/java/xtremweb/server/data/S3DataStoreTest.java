package xtremweb.server.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.sync.RequestBody;
import xtremweb.common.model.DataStatus;
import xtremweb.common.rights.AccessRights;
import xtremweb.server.MutableClock;
import xtremweb.server.db.Jdbc;
import xtremweb.server.db.TestDatabase;
import xtremweb.server.refusal.Conflict;
import xtremweb.server.refusal.TooLarge;

/**
 * The S3 store against a real S3-compatible server (S3Proxy on a loopback port). Two store
 * instances on one bucket stand for two servers of a grid. Parts are 5 MiB, S3's smallest.
 */
class S3DataStoreTest {
    private static final int MIB = 1024 * 1024;
    @TempDir
    static Path temp;
    private static S3TestServer s3;
    private final List<S3DataStore> stores = new ArrayList<>();
    private String prefix;
    private TestDatabase db;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3TestServer.start(temp.resolve("s3"));
    }

    @AfterAll
    static void stopS3() throws Exception {
        if (s3 != null) {
            s3.close();
        }
    }

    @BeforeEach
    void prefix() {
        prefix = "t-" + UUID.randomUUID() + "/";
    }

    @AfterEach
    void closeStores() throws Exception {
        stores.forEach(S3DataStore::close);
        if (db != null) {
            db.close();
        }
    }

    static List<String> kinds() {
        return TestDatabase.kinds().toList();
    }

    /** A server's store: parts of {@code partMib} MiB, two buffers (one filling while a part is sent). */
    private S3DataStore server(int partMib) {
        return server(partMib, 2);
    }

    private S3DataStore server(int partMib, int buffers) {
        S3Settings settings = s3.settings(prefix, partMib);
        S3DataStore store = new S3DataStore(S3Clients.create(settings), settings, new PartBuffers(settings.partSize(), buffers));
        stores.add(store);
        return store;
    }

    @Test
    void withNoBufferToSpareEachPartIsSentBeforeTheNextIsRead() throws Exception {
        S3DataStore store = server(5, 1);
        byte[] bytes = random(11 * MIB + 5);
        String uid = UUID.randomUUID().toString();
        DataStore.Received received = store.receive(uid, new ByteArrayInputStream(bytes));
        store.accept(received, uid);
        assertThat(read(store, uid, 0, bytes.length)).isEqualTo(bytes);

        String resumed = UUID.randomUUID().toString();
        store.append(resumed, 0, new ByteArrayInputStream(bytes, 0, 6 * MIB));
        store.append(resumed, 6 * MIB, new ByteArrayInputStream(bytes, 6 * MIB, 5 * MIB + 5));
        DataStore.Received whole = store.completed(resumed);
        assertThat(whole.sha256()).isEqualTo(sha256(bytes));
        store.accept(whole, resumed);
        assertThat(s3.uploads(prefix)).isEmpty();
    }

    @Test
    void contentIsStreamedInPartsVisibleOnlyOnceAcceptedAndReadBackInRanges() throws Exception {
        S3DataStore store = server(5);
        byte[] bytes = random(12 * MIB + 12_345);
        String uid = UUID.randomUUID().toString();

        DataStore.Received received = store.receive(uid, new ByteArrayInputStream(bytes));

        assertThat(received.size()).isEqualTo(bytes.length);
        assertThat(received.sha256()).isEqualTo(sha256(bytes));
        assertThat(s3.uploads(prefix)).hasSize(1);
        assertThatThrownBy(() -> store.read(uid, 0, bytes.length)).isInstanceOf(NoSuchFileException.class);
        store.accept(received, uid);
        assertThat(s3.uploads(prefix)).isEmpty();
        assertThat(s3.keys(prefix)).containsExactly(prefix + "data/" + uid);
        assertThat(read(store, uid, 0, bytes.length)).isEqualTo(bytes);
        // Across the first part's end, and the last bytes: what a resumed download asks.
        assertThat(read(store, uid, 5 * MIB - 10, 100)).isEqualTo(Arrays.copyOfRange(bytes, 5 * MIB - 10, 5 * MIB + 90));
        assertThat(read(store, uid, bytes.length - 7, 7)).isEqualTo(Arrays.copyOfRange(bytes, bytes.length - 7, bytes.length));

        byte[] small = random(1000);
        String smallUid = UUID.randomUUID().toString();
        DataStore.Received smallReceived = store.receive(smallUid, new ByteArrayInputStream(small));
        assertThat(s3.keys(prefix)).containsExactly(prefix + "data/" + uid);
        store.accept(smallReceived, smallUid);
        assertThat(read(store, smallUid, 0, small.length)).isEqualTo(small);
        assertThat(store.read(smallUid, 1000, 0).readAllBytes()).isEmpty();
    }

    @Test
    void contentDiscardedOrCutShortLeavesNothingInTheBucket() throws Exception {
        S3DataStore store = server(5);
        String uid = UUID.randomUUID().toString();
        store.discard(store.receive(uid, new ByteArrayInputStream(random(11 * MIB))));
        assertThatThrownBy(() -> store.receive(uid, cutAfter(random(7 * MIB))))
                .isInstanceOf(IOException.class).hasMessageContaining("connection reset");

        assertThat(s3.uploads(prefix)).isEmpty();
        assertThat(s3.keys(prefix)).isEmpty();
    }

    @Test
    void aResumableUploadGoesOnThroughAnotherServerFromWhereTheStoreSaysItStopped() throws Exception {
        S3DataStore serverA = server(6);
        S3DataStore serverB = server(5);
        byte[] bytes = random(20 * MIB + 777);
        String uid = UUID.randomUUID().toString();

        // The network cuts the first piece after 7 MiB + 3: one part of A's 6 MiB sent, the rest kept as the tail.
        assertThatThrownBy(() -> serverA.append(uid, 0, cutAfter(Arrays.copyOfRange(bytes, 0, 7 * MIB + 3))))
                .hasMessageContaining("connection reset");
        assertThat(serverB.received(uid)).isEqualTo(7 * MIB + 3);

        // B takes up A's tail with its own smaller parts.
        DataStore.Appended second = serverB.append(uid, 7 * MIB + 3, new ByteArrayInputStream(bytes, 7 * MIB + 3, 9 * MIB));
        assertThat(second.size()).isEqualTo(16 * MIB + 3);
        assertThat(second.whole()).isNull();
        assertThatThrownBy(() -> serverA.append(uid, 7 * MIB, new ByteArrayInputStream(bytes)))
                .isInstanceOf(Conflict.class).hasMessageContaining("resume from byte " + (16 * MIB + 3));

        DataStore.Appended last = serverA.append(uid, 16 * MIB + 3, new ByteArrayInputStream(bytes, 16 * MIB + 3, 4 * MIB + 774));
        assertThat(last.size()).isEqualTo(bytes.length);
        DataStore.Received whole = serverB.completed(uid);
        assertThat(whole.size()).isEqualTo(bytes.length);
        assertThat(whole.sha256()).isEqualTo(sha256(bytes));
        serverB.accept(whole, uid);

        assertThat(read(serverA, uid, 0, bytes.length)).isEqualTo(bytes);
        assertThat(s3.keys(prefix)).containsExactly(prefix + "data/" + uid);
        assertThat(s3.uploads(prefix)).isEmpty();
    }

    @Test
    void aPieceRefusedMidwayIsTakenBackWholeEvenAfterItsPartsWereSent() throws Exception {
        S3DataStore store = server(5);
        byte[] bytes = random(14 * MIB);
        String uid = UUID.randomUUID().toString();
        store.append(uid, 0, new ByteArrayInputStream(bytes, 0, 3 * MIB));

        InputStream tooLong = new SequenceInputStream(new ByteArrayInputStream(bytes, 3 * MIB, 8 * MIB), new InputStream() {
            @Override
            public int read() {
                throw new TooLarge("this piece is longer than its Content-Range");
            }
        });
        assertThatThrownBy(() -> store.append(uid, 3 * MIB, tooLong)).isInstanceOf(TooLarge.class);
        assertThat(store.received(uid)).isEqualTo(3 * MIB);

        store.append(uid, 3 * MIB, new ByteArrayInputStream(bytes, 3 * MIB, 11 * MIB));
        DataStore.Received whole = store.completed(uid);
        assertThat(whole.sha256()).isEqualTo(sha256(bytes));
        store.accept(whole, uid);
        assertThat(read(store, uid, 0, bytes.length)).isEqualTo(bytes);
    }

    @Test
    void aFileSentWholeInOnePieceIsHashedOnTheWayAndAWrongOneIsThrownAway() throws Exception {
        S3DataStore store = server(5);
        byte[] bytes = random(6 * MIB + 1);
        String uid = UUID.randomUUID().toString();
        DataStore.Appended appended = store.append(uid, 0, new ByteArrayInputStream(bytes));
        assertThat(appended.size()).isEqualTo(bytes.length);
        assertThat(appended.whole().sha256()).isEqualTo(sha256(bytes));
        store.accept(appended.whole(), uid);
        assertThat(read(store, uid, 0, bytes.length)).isEqualTo(bytes);
        assertThat(s3.keys(prefix)).containsExactly(prefix + "data/" + uid);

        // A resumable upload whose whole does not match what its data declared is thrown away (DataService's 422).
        String wrong = UUID.randomUUID().toString();
        store.append(wrong, 0, new ByteArrayInputStream(bytes, 0, 2 * MIB));
        store.append(wrong, 2 * MIB, new ByteArrayInputStream(random(4 * MIB + 1)));
        DataStore.Received corrupt = store.completed(wrong);
        assertThat(corrupt.sha256()).isNotEqualTo(sha256(bytes));
        store.discard(corrupt);
        assertThat(store.received(wrong)).isZero();
        assertThat(s3.keys(prefix)).containsExactly(prefix + "data/" + uid);
        assertThat(s3.uploads(prefix)).isEmpty();
    }

    @Test
    void contentCompletedInPlaceButNotRecordedCountsAsAllReceived() throws Exception {
        S3DataStore store = server(5);
        byte[] bytes = random(70_000);
        String uid = UUID.randomUUID().toString();
        // A server stopped between completing the upload and recording its row.
        s3.client().putObject(b -> b.bucket(S3TestServer.BUCKET).key(prefix + "data/" + uid), RequestBody.fromBytes(bytes));

        assertThat(store.received(uid)).isEqualTo(bytes.length);
        DataStore.Received whole = store.completed(uid);
        assertThat(whole.sha256()).isEqualTo(sha256(bytes));
        store.accept(whole, uid);
        assertThat(read(store, uid, 0, bytes.length)).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("kinds")
    void housekeepingOfOneServerNeverRemovesAnUploadAnotherServerIsWriting(String kind) throws Exception {
        db = TestDatabase.open(kind, temp.resolve("db-" + UUID.randomUUID()));
        Jdbc jdbc = db.jdbc();
        DataRepository datas = new DataRepository();
        S3DataStore serverA = server(5);
        S3DataStore serverB = server(5);

        // Left by a server killed mid-upload: a multipart upload with one part, which nobody will complete.
        String killedKey = prefix + "data/" + UUID.randomUUID();
        String killed = s3.client().createMultipartUpload(b -> b.bucket(S3TestServer.BUCKET).key(killedKey)).uploadId();
        s3.client().uploadPart(b -> b.bucket(S3TestServer.BUCKET).key(killedKey).uploadId(killed).partNumber(1),
                RequestBody.fromBytes(random(5 * MIB)));
        // Resumable uploads: one of a data that still waits for its content, one of a data deleted since.
        String pausing = UUID.randomUUID().toString();
        String deleted = UUID.randomUUID().toString();
        jdbc.tx("data", c -> {
            datas.insert(c, new DataRow(pausing, "d", null, null, null, null, null, (long) MIB, null, DataStatus.UNAVAILABLE,
                    AccessRights.PUBLIC, "owner", null, Instant.now()));
            return null;
        });
        serverA.append(pausing, 0, new ByteArrayInputStream(random(100)));
        serverA.append(deleted, 0, new ByteArrayInputStream(random(100)));

        // Within the usual window, server B removes the upload of the deleted data only.
        DataHousekeeping usual = new DataHousekeeping(jdbc, datas, serverB, java.time.Clock.systemUTC(),
                DataHousekeeping.DEFAULT_RESUME_WINDOW);
        assertThat(usual.removeAbandonedUploads()).isEqualTo(1);
        assertThat(serverA.received(deleted)).isZero();
        assertThat(serverA.received(pausing)).isEqualTo(100);
        Thread.sleep(3_000);

        // Server A receives a body, slowly: one part sent, the rest still coming.
        byte[] bytes = random(7 * MIB);
        CountDownLatch partSent = new CountDownLatch(1);
        CountDownLatch rest = new CountDownLatch(1);
        String uploading = UUID.randomUUID().toString();
        java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor();
        CompletableFuture<DataStore.Received> receiving = CompletableFuture.supplyAsync(() -> {
            try {
                return serverA.receive(uploading, new SequenceInputStream(new ByteArrayInputStream(bytes, 0, 6 * MIB),
                        new InputStream() {
                            private final InputStream after = new ByteArrayInputStream(bytes, 6 * MIB, MIB);

                            @Override
                            public int read() throws IOException {
                                partSent.countDown();
                                try {
                                    rest.await();
                                } catch (InterruptedException e) {
                                    throw new IOException(e);
                                }
                                return after.read();
                            }
                        }));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, thread);
        thread.shutdown();
        assertThat(partSent.await(30, TimeUnit.SECONDS)).isTrue();
        await(() -> partIn(prefix + "data/" + uploading));

        // Server B, with a resume window of two seconds: the killed server's upload and the pausing one
        // are that old; A's upload, which sent a part just now, is not.
        DataHousekeeping shortWindow = new DataHousekeeping(jdbc, datas, serverB, java.time.Clock.systemUTC(), Duration.ofSeconds(2));
        List<String> before = s3.uploads(prefix);
        assertThat(shortWindow.removeAbandonedUploads()).as("uploads before: %s, after: %s", before, s3.uploads(prefix)).isEqualTo(2);
        assertThat(serverA.received(pausing)).isZero();
        assertThat(s3.uploads(prefix)).singleElement().asString().startsWith(prefix + "data/" + uploading);

        // Server A, a day later by its clock: it holds its own upload, so even that old it stays.
        DataHousekeeping aDayLater = new DataHousekeeping(jdbc, datas, serverA, new MutableClock(Instant.now().plus(Duration.ofDays(1))),
                DataHousekeeping.DEFAULT_RESUME_WINDOW);
        assertThat(aDayLater.removeAbandonedUploads()).isZero();
        assertThat(s3.uploads(prefix)).singleElement().asString().startsWith(prefix + "data/" + uploading);

        rest.countDown();
        DataStore.Received received = receiving.get(30, TimeUnit.SECONDS);
        serverA.accept(received, uploading);
        assertThat(read(serverB, uploading, 0, bytes.length)).isEqualTo(bytes);
        assertThat(s3.uploads(prefix)).isEmpty();
        assertThat(s3.keys(prefix)).containsExactly(prefix + "data/" + uploading);
    }

    /** Whether an upload of {@code key} has a part in (S3Proxy refuses, 400, to list the parts while one arrives). */
    private static boolean partIn(String key) {
        try {
            return s3.client().listMultipartUploads(b -> b.bucket(S3TestServer.BUCKET).prefix(key)).uploads().stream()
                    .anyMatch(u -> !s3.client().listParts(b -> b.bucket(S3TestServer.BUCKET).key(key).uploadId(u.uploadId()))
                            .parts().isEmpty());
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            return false;
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private static byte[] read(DataStore store, String uid, long first, int length) throws IOException {
        try (InputStream in = store.read(uid, first, length)) {
            return in.readNBytes(length);
        }
    }

    /** The bytes, then the failure a client's dropped connection causes. */
    private static InputStream cutAfter(byte[] bytes) {
        return new SequenceInputStream(new ByteArrayInputStream(bytes), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        });
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        new Random(n).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
