package xtremweb.server.data;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;
import xtremweb.server.user.Secrets;

/**
 * Data content in an S3-compatible bucket that every server of a grid shares, so that any server
 * serves any data and a resumable upload may go on through another server
 * ({@link S3ResumableUploads}).
 *
 * <p>An upload streams into a multipart upload of {@code data/<uid>}, one {@code s3.partSize}
 * part filling while the previous one is sent ({@link PartSender}; memory per upload is one or two
 * parts whatever the size, and {@link PartBuffers} bounds the total), and
 * becomes visible only when {@link #accept} completes it; a body shorter than one part is sent in
 * one PUT at accept. S3 acknowledges a PUT or a completion once the bytes are stored, so content
 * is safe before its row commits, as the directory store's fsync makes it. Downloads are ranged
 * GETs streamed through.
 *
 * <p>Housekeeping cannot know what other servers' requests hold, so it goes by age: an upload
 * whose newest part (or piece) is older than {@code data.resumeHours} is aborted, unless a request
 * of this server holds it.
 */
public final class S3DataStore implements DataStore {
    private static final Logger LOG = LoggerFactory.getLogger(S3DataStore.class);
    private final S3Bucket bucket;
    private final S3Settings settings;
    private final PartBuffers buffers;
    private final Holds writing = new Holds();
    private final S3ResumableUploads resumable;
    /** Where parts are sent while the next ones fill (see {@link PartSender}). */
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

    S3DataStore(S3Client s3, S3Settings settings, PartBuffers buffers) {
        this.bucket = new S3Bucket(s3, settings);
        this.settings = settings;
        this.buffers = buffers;
        this.resumable = new S3ResumableUploads(bucket, buffers, senders, writing);
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

    /** Multipart uploads (by id) and resumable uploads (by uid) that requests of this server are writing, with how many hold each. */
    static final class Holds {
        private final ConcurrentHashMap<String, Integer> holders = new ConcurrentHashMap<>();

        void hold(String name) {
            holders.merge(name, 1, Integer::sum);
        }

        void release(String name) {
            holders.computeIfPresent(name, (n, count) -> count == 1 ? null : count - 1);
        }

        boolean held(String name) {
            return holders.containsKey(name);
        }
    }

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

    /** Content already in place under its key (a resumable upload completed to be hashed). */
    private record InPlace(String uid, long size, String sha256) implements Received {
    }

    @Override
    public Received receive(String uid, InputStream body) throws IOException {
        String key = bucket.contentKey(uid);
        MessageDigest digest = Secrets.digest();
        InputStream in = new DigestInputStream(body, digest);
        PartBuffers.Buffer buffer = buffers.take();
        try {
            if (!buffer.fillFrom(in)) {
                return new InMemory(uid, Arrays.copyOf(buffer.bytes, buffer.length), hex(digest));
            }
            String uploadId = bucket.startUpload(key);
            writing.hold(uploadId);
            try (PartSender sender = new PartSender(bucket, buffers, senders, key, uploadId)) {
                long size = 0;
                int number = 0;
                boolean full = true;
                while (full || buffer.length > 0) {
                    size += buffer.length;
                    buffer = sender.send(buffer, ++number);
                    // After a full part the body may go on; after a shorter one it ended.
                    full = full && buffer.fillFrom(in);
                }
                return new Uploaded(uid, uploadId, sender.parts(), size, hex(digest));
            } catch (IOException | RuntimeException e) {
                writing.release(uploadId);
                bucket.abortQuietly(key, uploadId);
                throw e;
            }
        } finally {
            buffer.close();
        }
    }

    @Override
    public void accept(Received received, String uid) throws IOException {
        String key = bucket.contentKey(uid);
        switch (received) {
            case InMemory m -> {
                same(m.uid(), uid);
                bucket.put(key, S3Bucket.bytes(m.bytes(), m.bytes().length), Map.of());
            }
            case Uploaded u -> {
                same(u.uid(), uid);
                try {
                    bucket.complete(key, u.uploadId(), u.parts());
                } finally {
                    writing.release(u.uploadId());
                }
            }
            case S3ResumableUploads.Resumed r -> {
                same(r.uid(), uid);
                resumable.finish(uid);
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
                writing.release(u.uploadId());
                bucket.abortQuietly(bucket.contentKey(u.uid()), u.uploadId());
            }
            case S3ResumableUploads.Resumed r -> delete(r.uid());
            case InPlace p -> delete(p.uid());
            default -> throw new IllegalArgumentException("content received by another store: " + received);
        }
    }

    @Override
    public long received(String uid) throws IOException {
        Optional<S3ResumableUploads.Progress> progress = resumable.progress(uid);
        if (progress.isPresent()) {
            return progress.get().size();
        }
        // Completed in place but not recorded (a server stopped in between): all of it arrived.
        return bucket.head(bucket.contentKey(uid)).map(h -> h.contentLength()).orElse(0L);
    }

    @Override
    public Appended append(String uid, long offset, InputStream in) throws IOException {
        return resumable.append(uid, offset, in);
    }

    @Override
    public Received completed(String uid) throws IOException {
        resumable.finish(uid);
        MessageDigest digest = Secrets.digest();
        long size = 0;
        byte[] chunk = new byte[1 << 16];
        try (InputStream in = bucket.get(bucket.contentKey(uid), null)) {
            for (int n; (n = in.read(chunk)) > 0; size += n) {
                digest.update(chunk, 0, n);
            }
        }
        return new InPlace(uid, size, hex(digest));
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public InputStream read(String uid, long first, long length) throws IOException {
        String key = bucket.contentKey(uid);
        if (length == 0) {
            if (bucket.head(key).isEmpty()) {
                throw new NoSuchFileException(key, null, "not in " + settings.where());
            }
            return InputStream.nullInputStream();
        }
        return new Ranged(bucket.get(key, "bytes=" + first + "-" + (first + length - 1)), length);
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
        Optional<S3ResumableUploads.Progress> progress = resumable.progress(uid);
        if (progress.isPresent()) {
            resumable.remove(uid, progress.get());
        }
        bucket.delete(bucket.contentKey(uid));
    }

    @Override
    public List<Partial> partials() throws IOException {
        return resumable.partials();
    }

    @Override
    public boolean removePartialIfIdle(Partial partial) {
        return resumable.removeIfIdle(partial);
    }

    /**
     * Aborts multipart uploads that no resumable upload names and that got no part since
     * {@code idleSince}: plain uploads whose server stopped, or whose request failed before its
     * cleanup. Another server's upload under way sends a part every {@code s3.partSize} bytes.
     */
    @Override
    public int removeAbandonedTemps(Instant idleSince) throws IOException {
        String under = bucket.contentPrefix();
        int removed = 0;
        for (MultipartUpload upload : bucket.uploads(under)) {
            if (writing.held(upload.uploadId())) {
                continue;
            }
            try {
                if (idle(upload, under, idleSince)) {
                    bucket.abortQuietly(upload.key(), upload.uploadId());
                    removed++;
                }
            } catch (IOException e) {
                // Left for the next pass: a store may refuse to list the parts of an upload while a part arrives.
                LOG.info("left the upload {} of {} for the next housekeeping pass: {}", upload.uploadId(), upload.key(), e.getMessage());
            }
        }
        return removed;
    }

    /** Neither a resumable upload's nor given a part since {@code idleSince}. */
    private boolean idle(MultipartUpload upload, String under, Instant idleSince) throws IOException {
        if (resumable.names(upload.key().substring(under.length()), upload.uploadId())) {
            return false;
        }
        // Active as of its newest part; an upload gets its first part as it starts, so without one
        // its start tells (S3Proxy reports every start as now: there, an upload without parts stays).
        Instant newest = bucket.newestPart(upload.key(), upload.uploadId(), 0);
        Instant active = newest.equals(Instant.EPOCH) ? upload.initiated() : newest;
        return active.isBefore(idleSince);
    }

    @Override
    public int removeStrayPartials() throws IOException {
        String under = bucket.progressPrefix();
        int removed = 0;
        for (S3Object object : bucket.list(under)) {
            String name = object.key().substring(under.length());
            // Keys ending in '/' are the directory markers some stores list (S3Proxy on a file system): not uploads.
            if (!name.isEmpty() && !name.endsWith("/") && !name.matches(S3Bucket.UID)) {
                bucket.delete(object.key());
                removed++;
            }
        }
        return removed;
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
        senders.close();
        bucket.close();
    }

    private static void same(String received, String uid) {
        if (!received.equals(uid)) {
            throw new IllegalArgumentException("content received for data " + received + " cannot become data " + uid);
        }
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}
