package xtremweb.server.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The bucket as the S3 store uses it: its keys ({@code data/<uid>} for content,
 * {@code partial/<uid>} for resumable uploads' progress, after {@code s3.prefix}), and the S3
 * calls, whose failures come out as {@link StoreFailure}s that name the store.
 */
final class S3Bucket implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(S3Bucket.class);
    static final String UID = "[0-9A-Za-z-]{2,64}";
    private static final String OCTETS = "application/octet-stream";
    private final S3Client s3;
    private final S3Settings settings;
    private final String bucket;

    S3Bucket(S3Client s3, S3Settings settings) {
        this.s3 = s3;
        this.settings = settings;
        this.bucket = settings.bucket();
    }

    /** The object store failed (not the client): a 503 for the caller, never "the client went away". */
    static final class StoreFailure extends IOException {
        StoreFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    String where() {
        return settings.where();
    }

    String contentPrefix() {
        return settings.prefix() + "data/";
    }

    String progressPrefix() {
        return settings.prefix() + "partial/";
    }

    String contentKey(String uid) {
        return contentPrefix() + checked(uid);
    }

    String progressKey(String uid) {
        return progressPrefix() + checked(uid);
    }

    private static String checked(String uid) {
        if (!uid.matches(UID)) {
            throw new IllegalArgumentException("bad data uid '" + uid + "'");
        }
        return uid;
    }

    Optional<HeadObjectResponse> head(String key) throws IOException {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(bucket).key(key)));
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("look at " + key, e);
        } catch (SdkException e) {
            throw failure("look at " + key, e);
        }
    }

    /** An object, or the bytes {@code range} ({@code bytes=first-last}) of it; null for all of it. */
    ResponseInputStream<GetObjectResponse> get(String key, String range) throws IOException {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key).range(range));
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404) {
                throw new NoSuchFileException(key, null, "not in " + where());
            }
            throw failure("read " + key, e);
        } catch (SdkException e) {
            throw failure("read " + key, e);
        }
    }

    /** A body that is read from an object again whenever the SDK (re)sends it. */
    RequestBody copyOf(String key, long length) {
        return RequestBody.fromContentProvider(() -> {
            try {
                return get(key, null);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, length, OCTETS);
    }

    /** A body over {@code length} bytes of an array, not a copy of them: the SDK reopens it when it retries. */
    static RequestBody bytes(byte[] bytes, int length) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length, OCTETS);
    }

    void put(String key, RequestBody body, Map<String, String> metadata) throws IOException {
        call("store " + key, () -> s3.putObject(b -> b.bucket(bucket).key(key).metadata(metadata), body));
    }

    void delete(String key) throws IOException {
        call("remove " + key, () -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
    }

    List<S3Object> list(String prefix) throws IOException {
        return call("list " + prefix, () -> s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream().toList());
    }

    List<MultipartUpload> uploads(String prefix) throws IOException {
        return call("list the uploads under " + prefix, () -> s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(prefix))
                .uploads().stream().toList());
    }

    String startUpload(String key) throws IOException {
        return call("start an upload of " + key, () -> s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId());
    }

    CompletedPart uploadPart(String key, String uploadId, int number, RequestBody body) throws IOException {
        String eTag = call("send part " + number + " of " + key, () -> s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                .partNumber(number), body).eTag());
        return CompletedPart.builder().partNumber(number).eTag(eTag).build();
    }

    List<Part> parts(String key, String uploadId) throws IOException {
        return call("list the parts of " + key, () -> s3.listPartsPaginator(b -> b.bucket(bucket).key(key).uploadId(uploadId))
                .parts().stream().toList());
    }

    /** When the newest part after {@code afterPart} arrived; the epoch when there is none (or no such upload). */
    Instant newestPart(String key, String uploadId, int afterPart) throws IOException {
        try {
            return s3.listParts(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumberMarker(afterPart)).parts().stream()
                    .map(Part::lastModified).max(Instant::compareTo).orElse(Instant.EPOCH);
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404) {
                return Instant.EPOCH;
            }
            throw failure("list the parts of " + key, e);
        } catch (SdkException e) {
            throw failure("list the parts of " + key, e);
        }
    }

    void complete(String key, String uploadId, List<CompletedPart> parts) throws IOException {
        try {
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
        } catch (AwsServiceException e) {
            // Another server completed it first (the same piece sent again to two servers): the content is there.
            if (e.statusCode() == 404 && head(key).isPresent()) {
                return;
            }
            throw failure("complete the upload of " + key, e);
        } catch (SdkException e) {
            throw failure("complete the upload of " + key, e);
        }
    }

    /** Aborts a multipart upload; one already gone is fine, and a failure is only logged (housekeeping comes back). */
    void abortQuietly(String key, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (AwsServiceException e) {
            if (e.statusCode() != 404) {
                LOG.warn("could not abort the upload {} of {} in {}: {}", uploadId, key, where(), e.getMessage());
            }
        } catch (SdkException e) {
            LOG.warn("could not abort the upload {} of {} in {}: {}", uploadId, key, where(), e.getMessage());
        }
    }

    private <T> T call(String what, Supplier<T> call) throws StoreFailure {
        try {
            return call.get();
        } catch (SdkException e) {
            throw failure(what, e);
        }
    }

    private StoreFailure failure(String what, SdkException e) {
        String code = e instanceof AwsServiceException aws && aws.awsErrorDetails() != null ? aws.awsErrorDetails().errorCode() : null;
        // Said in words DiskFailures recognises as a full store (507), not an unwritable one (503).
        String full = "QuotaExceeded".equals(code) ? " (quota exceeded)" : "";
        return new StoreFailure("the object store " + where() + " could not " + what + ": " + e.getMessage() + full, e);
    }

    @Override
    public void close() {
        s3.close();
    }
}
