package xtremweb.server.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * {@link DataTransfersTest} with {@code data.store=s3}: the same calls, the content in a bucket of
 * a real S3-compatible server (S3Proxy on a loopback port). The tests about what a killed server
 * leaves are this store's own: what it leaves is in the bucket, not in a directory.
 */
class DataTransfersOnS3Test extends DataTransfersTest {
    @TempDir
    static Path s3Dir;
    private static S3TestServer s3;
    /** Each test's objects under a prefix of its own; the same across a restart of its server. */
    private final String prefix = "t-" + UUID.randomUUID() + "/";

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3TestServer.start(s3Dir);
    }

    @AfterAll
    static void stopS3() throws Exception {
        if (s3 != null) {
            s3.close();
        }
    }

    @Override
    Map<String, String> storeConfig() {
        return s3.config(prefix);
    }

    @Override
    long contentCount() {
        return s3.keys(prefix + "data/").size();
    }

    @Test
    @Override
    void uploadFilesLeftByAKilledServerGoAtStartButAResumableUploadKeepsWhatItReceived() throws Exception {
        byte[] bytes = random(300_000);
        String resumable = create("r.bin", bytes.length, sha256(bytes));
        assertThat(put(resumable, Arrays.copyOfRange(bytes, 0, 100_000), "bytes 0-99999/300000").statusCode()).isEqualTo(200);
        String deleted = create("gone.bin", bytes.length, sha256(bytes));
        assertThat(put(deleted, Arrays.copyOfRange(bytes, 0, 100_000), "bytes 0-99999/300000").statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/api/v1/datas/" + deleted, null).statusCode()).isEqualTo(204);
        server.close();
        s3.client().putObject(b -> b.bucket(S3TestServer.BUCKET).key(prefix + "partial/not a uid"), RequestBody.fromBytes(new byte[7]));
        // A plain upload another server of the grid has under way: recent, so no start removes it.
        String otherKey = prefix + "data/" + UUID.randomUUID();
        String other = s3.client().createMultipartUpload(b -> b.bucket(S3TestServer.BUCKET).key(otherKey)).uploadId();
        s3.client().uploadPart(b -> b.bucket(S3TestServer.BUCKET).key(otherKey).uploadId(other).partNumber(1),
                RequestBody.fromBytes(new byte[5 * 1024 * 1024]));

        start();

        assertThat(s3.keys(prefix + "partial/")).containsExactly(prefix + "partial/" + resumable);
        assertThat(s3.uploads(prefix)).containsExactly(otherKey + " " + other);
        assertThat(json(send("GET", "/api/v1/datas/" + resumable + "/upload-offset", null)).get("offset").asLong())
                .isEqualTo(100_000);
        HttpResponse<String> rest = put(resumable, Arrays.copyOfRange(bytes, 100_000, 300_000), "bytes 100000-299999/300000");
        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(200);
        assertThat(s3.keys(prefix + "partial/")).isEmpty();
        assertThat(http.send(get(resumable).build(), HttpResponse.BodyHandlers.ofByteArray()).body()).isEqualTo(bytes);
    }

    @Test
    @Override
    void aResumableUploadWholeOnDiskButNotRecordedIsFinishedByAnyPieceSentAgain() throws Exception {
        byte[] bytes = random(90_000);
        String uid = create("whole.bin", bytes.length, sha256(bytes));
        // As a server killed after the last piece was recorded in the bucket and before its row changed leaves it.
        s3.client().putObject(b -> b.bucket(S3TestServer.BUCKET).key(prefix + "partial/" + uid)
                .metadata(Map.of("xw-upload", "-", "xw-parts", "0", "xw-parts-bytes", "0")), RequestBody.fromBytes(bytes));
        assertThat(json(send("GET", "/api/v1/datas/" + uid + "/upload-offset", null)).get("offset").asLong()).isEqualTo(90_000);

        HttpResponse<String> last = put(uid, Arrays.copyOfRange(bytes, 89_999, 90_000), "bytes 89999-89999/90000");
        assertThat(last.statusCode()).as(last.body()).isEqualTo(200);
        assertThat(json(last).get("status").asText()).isEqualTo("AVAILABLE");
        assertThat(http.send(get(uid).build(), HttpResponse.BodyHandlers.ofByteArray()).body()).isEqualTo(bytes);
        assertThat(s3.keys(prefix + "partial/")).isEmpty();
    }

    @Test
    @Override
    void aResumableUploadRenamedIntoPlaceButNotRecordedCountsAsWholeAndIsFinishedByAPieceSentAgain() throws Exception {
        byte[] bytes = random(70_000);
        String uid = create("renamed.bin", bytes.length, sha256(bytes));
        // A server killed between completing the upload into place and recording it.
        s3.client().putObject(b -> b.bucket(S3TestServer.BUCKET).key(prefix + "data/" + uid), RequestBody.fromBytes(bytes));
        assertThat(json(send("GET", "/api/v1/datas/" + uid + "/upload-offset", null)).get("offset").asLong()).isEqualTo(70_000);

        HttpResponse<String> last = put(uid, Arrays.copyOfRange(bytes, 69_999, 70_000), "bytes 69999-69999/70000");
        assertThat(last.statusCode()).as(last.body()).isEqualTo(200);
        assertThat(json(last).get("status").asText()).isEqualTo("AVAILABLE");
        assertThat(http.send(get(uid).build(), HttpResponse.BodyHandlers.ofByteArray()).body()).isEqualTo(bytes);
    }
}
