package xtremweb.server.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.NoSuchFileException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Object;
import xtremweb.server.refusal.Conflict;
import xtremweb.server.user.Secrets;

/**
 * Resumable uploads in the bucket. Each is a multipart upload of {@code data/<uid>} plus a small
 * object, {@code partial/<uid>}, that says how far it went: its metadata names the upload and how
 * many of its parts (and bytes) count, its body holds the bytes received after the last whole part
 * (S3 takes no part under 5 MiB but the last). A piece appends to that tail, sends every part it
 * fills, then replaces {@code partial/<uid>} in one PUT, which commits it: a piece refused midway
 * leaves the previous state (the parts it sent are overwritten by the next piece), a piece cut by
 * the network commits what arrived. Every server of the grid reads the offset from there.
 */
final class S3ResumableUploads {
    private static final Logger LOG = LoggerFactory.getLogger(S3ResumableUploads.class);
    private static final String UPLOAD = "xw-upload";
    private static final String PARTS = "xw-parts";
    private static final String PARTS_BYTES = "xw-parts-bytes";
    /** The progress of an upload that has sent no part yet names no multipart upload: it starts with its first part. */
    static final String NO_UPLOAD = "-";
    private final S3Bucket bucket;
    private final PartBuffers buffers;
    private final ExecutorService senders;
    private final S3DataStore.Holds writing;

    S3ResumableUploads(S3Bucket bucket, PartBuffers buffers, ExecutorService senders, S3DataStore.Holds writing) {
        this.bucket = bucket;
        this.buffers = buffers;
        this.senders = senders;
        this.writing = writing;
    }

    /** What {@code partial/<uid>} says: the upload, the parts that count and their bytes, the tail's length. */
    record Progress(String uploadId, int parts, long partsBytes, long tail, Instant modified) {
        long size() {
            return partsBytes + tail;
        }
    }

    /** A resumable upload whose pieces are all in, completed on accept. */
    record Resumed(String uid, long size, String sha256) implements DataStore.Received {
    }

    Optional<Progress> progress(String uid) throws IOException {
        String key = bucket.progressKey(uid);
        Optional<HeadObjectResponse> head = bucket.head(key);
        if (head.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> meta = head.get().metadata();
        try {
            return Optional.of(new Progress(Objects.requireNonNull(meta.get(UPLOAD)), Integer.parseInt(meta.get(PARTS)),
                    Long.parseLong(meta.get(PARTS_BYTES)), head.get().contentLength(), head.get().lastModified()));
        } catch (RuntimeException e) {
            throw new S3Bucket.StoreFailure(key + " in " + bucket.where() + " is not what this server wrote (metadata " + meta
                    + "); delete it to restart that upload from byte 0", e);
        }
    }

    DataStore.Appended append(String uid, long offset, InputStream in) throws IOException {
        String key = bucket.contentKey(uid);
        Optional<Progress> before = progress(uid);
        long stored = before.map(Progress::size).orElse(0L);
        if (stored != offset) {
            throw new Conflict("upload-offset", "the store holds " + stored + " bytes of data " + uid + " but this piece starts at"
                    + " byte " + offset + " (another server took a piece meanwhile?); resume from byte " + stored);
        }
        writing.hold(uid);
        PartBuffers.Buffer buffer = buffers.take();
        PartSender sender = null;
        try {
            String uploadId = before.map(Progress::uploadId).orElse(NO_UPLOAD);
            boolean started = false;
            int parts = before.map(Progress::parts).orElse(0);
            long partsBytes = before.map(Progress::partsBytes).orElse(0L);
            MessageDigest digest = offset == 0 ? Secrets.digest() : null;
            InputStream body = digest == null ? in : new DigestInputStream(in, digest);
            IOException cut = null;
            try (InputStream tail = before.filter(p -> p.tail() > 0).isPresent() ? bucket.get(bucket.progressKey(uid), null)
                    : InputStream.nullInputStream()) {
                InputStream source = new SequenceInputStream(tail, body);
                while (buffer.fillFrom(source)) {
                    if (sender == null) {
                        if (uploadId.equals(NO_UPLOAD)) {
                            uploadId = bucket.startUpload(key);
                            started = true;
                        }
                        sender = new PartSender(bucket, buffers, senders, key, uploadId);
                    }
                    partsBytes += buffer.length;
                    buffer = sender.send(buffer, ++parts);
                }
            } catch (S3Bucket.StoreFailure e) {
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
            if (sender != null) {
                try {
                    // Every part in before the progress object counts it.
                    sender.parts();
                } catch (IOException | RuntimeException e) {
                    abortIf(started, key, uploadId);
                    throw e;
                }
            }
            bucket.put(bucket.progressKey(uid), S3Bucket.bytes(buffer.bytes, buffer.length), Map.of(UPLOAD, uploadId,
                    PARTS, Integer.toString(parts), PARTS_BYTES, Long.toString(partsBytes)));
            if (cut != null) {
                throw cut;
            }
            long size = partsBytes + buffer.length;
            return new DataStore.Appended(size, digest == null ? null : new Resumed(uid, size, S3DataStore.hex(digest)));
        } finally {
            if (sender != null) {
                sender.close();
            }
            buffer.close();
            writing.release(uid);
        }
    }

    /** A piece refused or failed leaves no upload it started behind (nothing records it). */
    private void abortIf(boolean started, String key, String uploadId) {
        if (started) {
            bucket.abortQuietly(key, uploadId);
        }
    }

    /** Sends the tail as the last part and completes the upload into place; done already when there is no progress object. */
    void finish(String uid) throws IOException {
        String key = bucket.contentKey(uid);
        String progressKey = bucket.progressKey(uid);
        Optional<Progress> found = progress(uid);
        if (found.isEmpty()) {
            if (bucket.head(key).isEmpty()) {
                throw new NoSuchFileException(key, null, "no resumable upload and no content in " + bucket.where());
            }
            return;
        }
        Progress progress = found.get();
        RequestBody tail = bucket.copyOf(progressKey, progress.tail());
        if (progress.parts() == 0) {
            // Smaller than a part: the tail is the content, in one PUT.
            bucket.put(key, tail, Map.of());
        } else {
            List<CompletedPart> parts = committedParts(key, progress);
            if (progress.tail() > 0) {
                parts.add(bucket.uploadPart(key, progress.uploadId(), progress.parts() + 1, tail));
            }
            bucket.complete(key, progress.uploadId(), parts);
        }
        bucket.delete(progressKey);
    }

    /** The parts that count, checked against what the progress object recorded. */
    private List<CompletedPart> committedParts(String key, Progress progress) throws IOException {
        List<CompletedPart> parts = new ArrayList<>();
        long bytes = 0;
        for (Part part : bucket.parts(key, progress.uploadId())) {
            if (part.partNumber() <= progress.parts()) {
                parts.add(CompletedPart.builder().partNumber(part.partNumber()).eTag(part.eTag()).build());
                bytes += part.size();
            }
        }
        if (parts.size() != progress.parts() || bytes != progress.partsBytes()) {
            throw new S3Bucket.StoreFailure("the resumable upload of " + key + " in " + bucket.where() + " has " + parts.size()
                    + " parts of " + bytes + " bytes where " + progress.parts() + " parts of " + progress.partsBytes()
                    + " bytes were recorded", null);
        }
        return parts;
    }

    /** Removes a resumable upload: its progress object first, so that an upload it no longer names is housekeeping's if this stops midway. */
    void remove(String uid, Progress progress) throws IOException {
        bucket.delete(bucket.progressKey(uid));
        if (!progress.uploadId().equals(NO_UPLOAD)) {
            bucket.abortQuietly(bucket.contentKey(uid), progress.uploadId());
        }
    }

    /** Resumable uploads, each dated by its last piece or, when a piece is arriving, by its newest part. */
    List<DataStore.Partial> partials() throws IOException {
        List<DataStore.Partial> partials = new ArrayList<>();
        String under = bucket.progressPrefix();
        for (S3Object object : bucket.list(under)) {
            String uid = object.key().substring(under.length());
            if (!uid.matches(S3Bucket.UID)) {
                continue;
            }
            Optional<Progress> progress = progress(uid);
            if (progress.isPresent()) {
                Instant modified = object.lastModified();
                if (!progress.get().uploadId().equals(NO_UPLOAD)) {
                    Instant newest;
                    try {
                        newest = bucket.newestPart(bucket.contentKey(uid), progress.get().uploadId(), progress.get().parts());
                    } catch (IOException e) {
                        // A store may refuse to list the parts while one arrives: busy, then.
                        newest = Instant.now();
                    }
                    modified = newest.isAfter(modified) ? newest : modified;
                }
                partials.add(new DataStore.Partial(uid, modified));
            }
        }
        return partials;
    }

    boolean removeIfIdle(DataStore.Partial partial) {
        String uid = partial.uid();
        if (uid == null || writing.held(uid)) {
            return false;
        }
        try {
            Optional<Progress> progress = progress(uid);
            // A piece that arrived since the listing (at another server) makes it busy again.
            if (progress.isEmpty() || progress.get().modified().isAfter(partial.modified())) {
                return false;
            }
            remove(uid, progress.get());
            return true;
        } catch (IOException e) {
            LOG.warn("could not remove the abandoned resumable upload of data {}: {}", uid, e.getMessage());
            return false;
        }
    }

    /** Whether a multipart upload is the one a resumable upload's progress names (housekeeping leaves those to {@link #partials}). */
    boolean names(String uid, String uploadId) throws IOException {
        return uid.matches(S3Bucket.UID) && progress(uid).filter(p -> p.uploadId().equals(uploadId)).isPresent();
    }
}
