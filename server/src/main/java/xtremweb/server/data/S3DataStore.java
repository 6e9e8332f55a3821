package xtremweb.server.data;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.NoSuchFileException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
import xtremweb.server.refusal.Conflict;
import xtremweb.server.user.Secrets;

/**
 * Data content in an S3-compatible bucket that every server of a grid shares, so that any server
 * serves any data and a resumable upload may go on through another server.
 *
 * <p>Keys (after {@code s3.prefix}): {@code data/<uid>} holds accepted content. An upload streams
 * into a multipart upload of that key, one {@code s3.partSize} part at a time (see
 * {@link PartBuffers}: memory per upload is one part, whatever the size), and becomes visible only
 * when {@link #accept} completes it; a body shorter than one part is sent by one PUT at accept.
 * S3 acknowledges a PUT or a completion once the bytes are durable, so content is safe before its
 * row commits, as the directory store's fsync makes it.
 *
 * <p>A resumable upload is a multipart upload of {@code data/<uid>} plus a small object,
 * {@code partial/<uid>}, that says how far it went: its metadata names the upload and how many of
 * its parts (and bytes) count, its body holds the bytes received after the last whole part (less
 * than a part, which S3 cannot take before the end). A piece appends to that tail, sends every part
 * it fills, then replaces {@code partial/<uid>} in one PUT, which is how a piece is committed: a
 * piece refused midway leaves the previous state (its parts are overwritten by the next piece), a
 * piece cut by the network commits what arrived. Every server reads the offset from there.
 *
 * <p>Housekeeping cannot know what other servers' requests hold, so it goes by age: an upload
 * whose newest part (or {@code partial/} object) is older than {@code data.resumeHours} is aborted.
 */
public final class S3DataStore implements DataStore {
    private static final Logger LOG = LoggerFactory.getLogger(S3DataStore.class);
    private static final String UID = "[0-9A-Za-z-]{2,64}";
    private static final String UPLOAD = "xw-upload";
    private static final String PARTS = "xw-parts";
    private static final String PARTS_BYTES = "xw-parts-bytes";
    private static final String OCTETS = "application/octet-stream";
    /** The progress object of a resumable upload that has sent no part yet names no multipart upload. */
    private static final String NO_UPLOAD = "-";
    private final S3Client s3;
    private final S3Settings settings;
    private final String bucket;
    private final PartBuffers buffers;
    /** Multipart uploads (by id) and resumable uploads (by uid) that requests of this server are writing. */
    private final ConcurrentHashMap<String, Integer> writing = new ConcurrentHashMap<>();

    S3DataStore(S3Client s3, S3Settings settings, PartBuffers buffers) {
        this.s3 = s3;
        this.settings = settings;
        this.bucket = settings.bucket();
        this.buffers = buffers;
    }

    /** Connects to the store and checks that this server may read and write the bucket. */
    public static S3DataStore open(S3Settings settings) {
        S3Client client = S3Clients.create(settings);
        try {
            S3Clients.check(client, settings);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return new S3DataStore(client, settings, PartBuffers.sizedForHeap(settings.partSize()));
    }

    // --- Content received whole -------------------------------------------------------------

    /** A body shorter than one part: kept here until accept sends it in one PUT. */
    private record InMemory(String uid, byte[] bytes, String sha256) implements Received {
        @Override
        public long size() {
            return bytes.length;
        }
    }

    /** A body sent as the parts of a multipart upload, completed on accept. */
    private record Uploaded(String uid, String uploadId, List<CompletedPart> parts, long size, String sha256) implements Received {
    }

    /** A resumable upload whose pieces are all in, completed on accept. */
    private record Resumed(String uid, long size, String sha256) implements Received {
    }

    /** Content already in place under its key (a resumable upload completed to be hashed). */
    private record InPlace(String uid, long size, String sha256) implements Received {
    }

    @Override
    public Received receive(String uid, InputStream body) throws IOException {
        String key = contentKey(uid);
        MessageDigest digest = Secrets.digest();
        InputStream in = new DigestInputStream(body, digest);
        try (PartBuffers.Buffer buffer = buffers.take()) {
            if (!buffer.fillFrom(in)) {
                return new InMemory(uid, Arrays.copyOf(buffer.bytes, buffer.length), hex(digest));
            }
            String uploadId = startUpload(key);
            hold(uploadId);
            try {
                List<CompletedPart> parts = new ArrayList<>();
                long size = 0;
                boolean full = true;
                while (full || buffer.length > 0) {
                    parts.add(uploadPart(key, uploadId, parts.size() + 1, buffer));
                    size += buffer.length;
                    buffer.clear();
                    // After a full part the body may go on; after a shorter one it ended.
                    full = full && buffer.fillFrom(in);
                }
                return new Uploaded(uid, uploadId, List.copyOf(parts), size, hex(digest));
            } catch (IOException | RuntimeException e) {
                release(uploadId);
                abortQuietly(key, uploadId);
                throw e;
            }
        }
    }

    @Override
    public void accept(Received received, String uid) throws IOException {
        String key = contentKey(uid);
        switch (received) {
            case InMemory m -> {
                same(m.uid(), uid);
                call("store " + key, () -> s3.putObject(b -> b.bucket(bucket).key(key),
                        RequestBody.fromContentProvider(() -> new ByteArrayInputStream(m.bytes()), m.bytes().length, OCTETS)));
            }
            case Uploaded u -> {
                same(u.uid(), uid);
                try {
                    complete(key, u.uploadId(), u.parts());
                } finally {
                    release(u.uploadId());
                }
            }
            case Resumed r -> {
                same(r.uid(), uid);
                finishResumable(uid);
            }
            case InPlace p -> same(p.uid(), uid);
            default -> throw new IllegalArgumentException("content received by another store: " + received);
        }
    }

    @Override
    public void discard(Received received) throws IOException {
        switch (received) {
            case InMemory m -> {
                // Nothing left the server.
            }
            case Uploaded u -> {
                release(u.uploadId());
                abortQuietly(contentKey(u.uid()), u.uploadId());
            }
            case Resumed r -> delete(r.uid());
            case InPlace p -> delete(p.uid());
            default -> throw new IllegalArgumentException("content received by another store: " + received);
        }
    }

    // --- Resumable uploads ------------------------------------------------------------------

    /** What {@code partial/<uid>} says: the upload, the parts that count and their bytes, the tail's length. */
    private record Progress(String uploadId, int parts, long partsBytes, long tail, Instant modified) {
        long size() {
            return partsBytes + tail;
        }
    }

    @Override
    public long received(String uid) throws IOException {
        Optional<Progress> progress = progress(uid);
        if (progress.isPresent()) {
            return progress.get().size();
        }
        // Completed in place but not recorded (a server stopped in between): all of it arrived.
        return contentSize(uid).orElse(0L);
    }

    @Override
    public Appended append(String uid, long offset, InputStream in) throws IOException {
        String key = contentKey(uid);
        Optional<Progress> before = progress(uid);
        long stored = before.map(Progress::size).orElse(0L);
        if (stored != offset) {
            throw new Conflict("upload-offset", "the store holds " + stored + " bytes of data " + uid + " but this piece starts at"
                    + " byte " + offset + " (another server took a piece meanwhile?); resume from byte " + stored);
        }
        hold(uid);
        try (PartBuffers.Buffer buffer = buffers.take()) {
            // The multipart upload starts with its first part: an upload without parts is one that nobody writes.
            String uploadId = before.map(Progress::uploadId).orElse(NO_UPLOAD);
            boolean started = false;
            int parts = before.map(Progress::parts).orElse(0);
            long partsBytes = before.map(Progress::partsBytes).orElse(0L);
            MessageDigest digest = offset == 0 ? Secrets.digest() : null;
            InputStream body = digest == null ? in : new DigestInputStream(in, digest);
            IOException cut = null;
            try (InputStream tail = before.filter(p -> p.tail() > 0).isPresent() ? openWhole(progressKey(uid)) : InputStream.nullInputStream()) {
                InputStream source = new SequenceInputStream(tail, body);
                while (buffer.fillFrom(source)) {
                    if (uploadId.equals(NO_UPLOAD)) {
                        uploadId = startUpload(key);
                        started = true;
                    }
                    uploadPart(key, uploadId, parts + 1, buffer);
                    parts++;
                    partsBytes += buffer.length;
                    buffer.clear();
                }
            } catch (StoreFailure e) {
                abortIf(started, key, uploadId);
                throw e;
            } catch (IOException e) {
                // The client stopped sending: what arrived is committed below, and it resumes from there.
                cut = e;
            } catch (RuntimeException e) {
                // Refused (longer than announced): the previous state stands; parts sent are overwritten later.
                abortIf(started, key, uploadId);
                throw e;
            }
            writeProgress(uid, uploadId, parts, partsBytes, buffer);
            if (cut != null) {
                throw cut;
            }
            long size = partsBytes + buffer.length;
            return new Appended(size, digest == null ? null : new Resumed(uid, size, hex(digest)));
        } finally {
            release(uid);
        }
    }

    @Override
    public Received completed(String uid) throws IOException {
        finishResumable(uid);
        MessageDigest digest = Secrets.digest();
        long size = 0;
        byte[] chunk = new byte[1 << 16];
        try (InputStream in = openWhole(contentKey(uid))) {
            for (int n; (n = in.read(chunk)) > 0; size += n) {
                digest.update(chunk, 0, n);
            }
        }
        return new InPlace(uid, size, hex(digest));
    }

    /** Sends the tail as the last part and completes the upload into place; done already when there is no progress object. */
    private void finishResumable(String uid) throws IOException {
        String key = contentKey(uid);
        Optional<Progress> found = progress(uid);
        if (found.isEmpty()) {
            if (contentSize(uid).isEmpty()) {
                throw new NoSuchFileException(key, null, "no resumable upload and no content in " + settings.where());
            }
            return;
        }
        Progress progress = found.get();
        String tailKey = progressKey(uid);
        RequestBody tail = RequestBody.fromContentProvider(() -> {
            try {
                return openWhole(tailKey);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, progress.tail(), OCTETS);
        if (progress.parts() == 0) {
            // Smaller than a part: the tail is the content, in one PUT.
            call("store " + key, () -> s3.putObject(b -> b.bucket(bucket).key(key), tail));
        } else {
            List<CompletedPart> parts = committedParts(key, progress);
            if (progress.tail() > 0) {
                int last = progress.parts() + 1;
                String eTag = call("send the last part of " + key, () -> s3.uploadPart(b -> b.bucket(bucket).key(key)
                        .uploadId(progress.uploadId()).partNumber(last), tail).eTag());
                parts.add(CompletedPart.builder().partNumber(last).eTag(eTag).build());
            }
            complete(key, progress.uploadId(), parts);
        }
        call("remove " + tailKey, () -> s3.deleteObject(b -> b.bucket(bucket).key(tailKey)));
    }

    /** The parts that count, checked against what the progress object recorded. */
    private List<CompletedPart> committedParts(String key, Progress progress) throws IOException {
        List<CompletedPart> parts = new ArrayList<>();
        long bytes = 0;
        for (Part part : call("list the parts of " + key, () -> s3.listPartsPaginator(b -> b.bucket(bucket).key(key)
                .uploadId(progress.uploadId())).parts().stream().filter(p -> p.partNumber() <= progress.parts()).toList())) {
            parts.add(CompletedPart.builder().partNumber(part.partNumber()).eTag(part.eTag()).build());
            bytes += part.size();
        }
        if (parts.size() != progress.parts() || bytes != progress.partsBytes()) {
            throw new StoreFailure("the resumable upload of " + key + " in " + settings.where() + " has " + parts.size() + " parts of "
                    + bytes + " bytes where " + progress.parts() + " parts of " + progress.partsBytes() + " bytes were recorded", null);
        }
        return parts;
    }

    /** A piece refused or failed leaves no upload it started behind (nothing records it). */
    private void abortIf(boolean started, String key, String uploadId) {
        if (started) {
            abortQuietly(key, uploadId);
        }
    }

    private void writeProgress(String uid, String uploadId, int parts, long partsBytes, PartBuffers.Buffer tail) throws IOException {
        int length = tail.length;
        byte[] bytes = tail.bytes;
        call("record the progress of the upload of data " + uid, () -> s3.putObject(b -> b.bucket(bucket).key(progressKey(uid))
                .metadata(Map.of(UPLOAD, uploadId, PARTS, Integer.toString(parts), PARTS_BYTES, Long.toString(partsBytes))),
                RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length, OCTETS)));
    }

    private Optional<Progress> progress(String uid) throws IOException {
        String key = progressKey(uid);
        Optional<HeadObjectResponse> head = head(key);
        if (head.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> meta = head.get().metadata();
        try {
            return Optional.of(new Progress(java.util.Objects.requireNonNull(meta.get(UPLOAD)), Integer.parseInt(meta.get(PARTS)),
                    Long.parseLong(meta.get(PARTS_BYTES)), head.get().contentLength(), head.get().lastModified()));
        } catch (RuntimeException e) {
            throw new StoreFailure(key + " in " + settings.where() + " is not what this server wrote (metadata " + meta
                    + "); delete it to restart that upload from byte 0", e);
        }
    }

    // --- Reading and deleting ---------------------------------------------------------------

    @Override
    public InputStream read(String uid, long first, long length) throws IOException {
        String key = contentKey(uid);
        if (length == 0) {
            if (head(key).isEmpty()) {
                throw new NoSuchFileException(key, null, "not in " + settings.where());
            }
            return InputStream.nullInputStream();
        }
        return new Ranged(get(key, "bytes=" + first + "-" + (first + length - 1)), length);
    }

    private InputStream openWhole(String key) throws IOException {
        return get(key, null);
    }

    private ResponseInputStream<GetObjectResponse> get(String key, String range) throws IOException {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key).range(range));
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404) {
                throw new NoSuchFileException(key, null, "not in " + settings.where());
            }
            throw failure("read " + key, e);
        } catch (SdkException e) {
            throw failure("read " + key, e);
        }
    }

    /**
     * A ranged GET's body. Closed before its end (the client went away), the connection is dropped
     * rather than drained: draining could mean reading gigabytes nobody wants.
     */
    private static final class Ranged extends FilterInputStream {
        private final ResponseInputStream<GetObjectResponse> response;
        private long left;

        Ranged(ResponseInputStream<GetObjectResponse> response, long length) {
            super(response);
            this.response = response;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            left -= b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            left -= Math.max(0, n);
            return n;
        }

        @Override
        public void close() throws IOException {
            if (left > 0) {
                response.abort();
            }
            super.close();
        }
    }

    @Override
    public void delete(String uid) throws IOException {
        String key = contentKey(uid);
        Optional<Progress> progress = progress(uid);
        if (progress.isPresent()) {
            // The progress object first: an upload it no longer names is aborted by housekeeping if this stops here.
            call("remove " + progressKey(uid), () -> s3.deleteObject(b -> b.bucket(bucket).key(progressKey(uid))));
            abortQuietly(key, progress.get().uploadId());
        }
        call("delete " + key, () -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
    }

    // --- Housekeeping -----------------------------------------------------------------------

    /** Resumable uploads, each dated by its last piece or, when a piece is arriving, by its newest part. */
    @Override
    public List<Partial> partials() throws IOException {
        List<Partial> partials = new ArrayList<>();
        String under = settings.prefix() + "partial/";
        for (S3Object object : call("list " + under, () -> s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(under))
                .contents().stream().toList())) {
            String name = object.key().substring(under.length());
            if (name.isEmpty() || name.endsWith("/")) {
                continue;
            }
            if (!name.matches(UID)) {
                partials.add(new Partial(null, object.lastModified()));
                continue;
            }
            Instant modified = object.lastModified();
            Optional<Progress> progress = progress(name);
            if (progress.isPresent()) {
                Instant newest = newestPart(contentKey(name), progress.get().uploadId(), progress.get().parts());
                modified = newest.isAfter(modified) ? newest : modified;
                partials.add(new Partial(name, modified));
            }
        }
        return partials;
    }

    @Override
    public boolean removePartialIfIdle(Partial partial) {
        String uid = partial.uid();
        if (uid == null || writing.containsKey(uid)) {
            return false;
        }
        try {
            Optional<Progress> progress = progress(uid);
            if (progress.isEmpty() || progress.get().modified().isAfter(partial.modified())) {
                return false;
            }
            call("remove " + progressKey(uid), () -> s3.deleteObject(b -> b.bucket(bucket).key(progressKey(uid))));
            abortQuietly(contentKey(uid), progress.get().uploadId());
            return true;
        } catch (IOException e) {
            LOG.warn("could not remove the abandoned resumable upload of data {}: {}", uid, e.getMessage());
            return false;
        }
    }

    /**
     * Aborts multipart uploads that no resumable upload names and that got no part since
     * {@code idleSince}: plain uploads whose server stopped, or whose request failed before its
     * cleanup. Another server's upload under way sends a part every {@code s3.partSize} bytes.
     */
    @Override
    public int removeAbandonedTemps(Instant idleSince) throws IOException {
        String under = settings.prefix() + "data/";
        int removed = 0;
        for (MultipartUpload upload : call("list the uploads under " + under, () -> s3.listMultipartUploadsPaginator(b -> b
                .bucket(bucket).prefix(under)).uploads().stream().toList())) {
            if (writing.containsKey(upload.uploadId())) {
                continue;
            }
            String uid = upload.key().substring(under.length());
            boolean resumable = uid.matches(UID) && progress(uid).filter(p -> p.uploadId().equals(upload.uploadId())).isPresent();
            // Active as of its newest part; an upload gets its first part as it starts, so without one
            // its start tells (S3Proxy reports every start as now: there, an upload without parts stays).
            Instant newest = newestPart(upload.key(), upload.uploadId(), 0);
            Instant active = newest.equals(Instant.EPOCH) ? upload.initiated() : newest;
            if (resumable || active.isAfter(idleSince)) {
                continue;
            }
            abortQuietly(upload.key(), upload.uploadId());
            removed++;
        }
        return removed;
    }

    @Override
    public int removeStrayPartials() throws IOException {
        String under = settings.prefix() + "partial/";
        int removed = 0;
        for (S3Object object : call("list " + under, () -> s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(under))
                .contents().stream().toList())) {
            String name = object.key().substring(under.length());
            // Keys ending in '/' are the directory markers some stores list (S3Proxy on a file system): not uploads.
            if (!name.isEmpty() && !name.endsWith("/") && !name.matches(UID)) {
                call("remove " + object.key(), () -> s3.deleteObject(b -> b.bucket(bucket).key(object.key())));
                removed++;
            }
        }
        return removed;
    }

    /** When the newest part after {@code afterPart} arrived; the epoch when there is none. */
    private Instant newestPart(String key, String uploadId, int afterPart) throws IOException {
        if (uploadId.equals(NO_UPLOAD)) {
            return Instant.EPOCH;
        }
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

    @Override
    public long usableBytes() {
        return -1;
    }

    @Override
    public String unwritable() {
        return "object store " + settings.where() + " (unreachable, or refusing this server's credentials)";
    }

    @Override
    public void close() {
        s3.close();
    }

    // --- S3 calls ---------------------------------------------------------------------------

    private String startUpload(String key) throws IOException {
        return call("start an upload of " + key, () -> s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId());
    }

    private CompletedPart uploadPart(String key, String uploadId, int number, PartBuffers.Buffer buffer) throws IOException {
        byte[] bytes = buffer.bytes;
        int length = buffer.length;
        // A stream over the buffer, not a copy of it: the SDK reopens it when it retries.
        String eTag = call("send part " + number + " of " + key, () -> s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                .partNumber(number), RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length, OCTETS))
                .eTag());
        return CompletedPart.builder().partNumber(number).eTag(eTag).build();
    }

    private void complete(String key, String uploadId, List<CompletedPart> parts) throws IOException {
        try {
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
        } catch (AwsServiceException e) {
            // Another server completed it first (two pieces sent again at once): the content is there.
            if (e.statusCode() == 404 && head(key).isPresent()) {
                return;
            }
            throw failure("complete the upload of " + key, e);
        } catch (SdkException e) {
            throw failure("complete the upload of " + key, e);
        }
    }

    private void abortQuietly(String key, String uploadId) {
        if (uploadId.equals(NO_UPLOAD)) {
            return;
        }
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (AwsServiceException e) {
            if (e.statusCode() != 404) {
                LOG.warn("could not abort the upload {} of {} in {}: {}", uploadId, key, settings.where(), e.getMessage());
            }
        } catch (SdkException e) {
            LOG.warn("could not abort the upload {} of {} in {}: {}", uploadId, key, settings.where(), e.getMessage());
        }
    }

    private Optional<Long> contentSize(String uid) throws IOException {
        return head(contentKey(uid)).map(HeadObjectResponse::contentLength);
    }

    private Optional<HeadObjectResponse> head(String key) throws IOException {
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
        return new StoreFailure("the object store " + settings.where() + " could not " + what + ": " + e.getMessage() + full, e);
    }

    /** The object store failed (not the client): a 503 for the caller, never "the client went away". */
    static final class StoreFailure extends IOException {
        StoreFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private String contentKey(String uid) {
        return settings.prefix() + "data/" + checked(uid);
    }

    private String progressKey(String uid) {
        return settings.prefix() + "partial/" + checked(uid);
    }

    private static String checked(String uid) {
        if (!uid.matches(UID)) {
            throw new IllegalArgumentException("bad data uid '" + uid + "'");
        }
        return uid;
    }

    private static void same(String received, String uid) {
        if (!received.equals(uid)) {
            throw new IllegalArgumentException("content received for data " + received + " cannot become data " + uid);
        }
    }

    private void hold(String name) {
        writing.merge(name, 1, Integer::sum);
    }

    private void release(String name) {
        writing.computeIfPresent(name, (n, holders) -> holders == 1 ? null : holders - 1);
    }

    private static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}
