package xtremweb.server.data;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Sends the parts of one multipart upload, each in the background while the next one fills from
 * the client, so receiving and sending overlap. That takes a second buffer, only when the pool has
 * one to spare; otherwise a part is sent before the next is read, as memory allows.
 */
final class PartSender implements AutoCloseable {
    private final S3Bucket bucket;
    private final PartBuffers buffers;
    private final ExecutorService senders;
    private final String key;
    private final String uploadId;
    private final List<CompletedPart> sent = new ArrayList<>();
    private Future<CompletedPart> pending;
    private PartBuffers.Buffer pendingBuffer;

    PartSender(S3Bucket bucket, PartBuffers buffers, ExecutorService senders, String key, String uploadId) {
        this.bucket = bucket;
        this.buffers = buffers;
        this.senders = senders;
        this.key = key;
        this.uploadId = uploadId;
    }

    /**
     * Sends {@code filled} as part {@code number} once the part before it is in, and returns the
     * buffer to fill next: a spare one while {@code filled} is being sent, or {@code filled} itself,
     * cleared, once it was sent here.
     */
    PartBuffers.Buffer send(PartBuffers.Buffer filled, int number) throws IOException {
        awaitPending();
        PartBuffers.Buffer spare = buffers.trySpare();
        if (spare == null) {
            sent.add(bucket.uploadPart(key, uploadId, number, S3Bucket.bytes(filled.bytes, filled.length)));
            filled.clear();
            return filled;
        }
        byte[] bytes = filled.bytes;
        int length = filled.length;
        pendingBuffer = filled;
        pending = senders.submit(() -> bucket.uploadPart(key, uploadId, number, S3Bucket.bytes(bytes, length)));
        return spare;
    }

    /** Every part sent so far, once the last one sent in the background is in. */
    List<CompletedPart> parts() throws IOException {
        awaitPending();
        return List.copyOf(sent);
    }

    private void awaitPending() throws IOException {
        if (pending == null) {
            return;
        }
        try {
            sent.add(pending.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while a part was being sent");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pending = null;
            pendingBuffer.close();
            pendingBuffer = null;
        }
    }

    /** Waits for a part still being sent (its buffer cannot go back to the pool before), whatever became of it. */
    @Override
    public void close() {
        try {
            awaitPending();
        } catch (IOException | RuntimeException e) {
            // The caller is failing already; aborting the upload follows.
        }
    }
}
