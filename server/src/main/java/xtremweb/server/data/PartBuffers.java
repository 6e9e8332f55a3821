package xtremweb.server.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * The buffers in which uploads to the object store gather one multipart part each. There are at
 * most {@code count} of them, reused: however many uploads run and however large they are, the
 * server holds {@code count * partSize} bytes of content at most; an upload that finds none free
 * waits (its client's TCP window closes meanwhile).
 */
final class PartBuffers {
    private final int partSize;
    private final Semaphore free;
    private final ConcurrentLinkedQueue<byte[]> idle = new ConcurrentLinkedQueue<>();

    PartBuffers(int partSize, int count) {
        this.partSize = partSize;
        this.free = new Semaphore(count, true);
    }

    /** As many buffers as a quarter of the heap holds, between 2 and 64. */
    static PartBuffers sizedForHeap(int partSize) {
        long quarter = Runtime.getRuntime().maxMemory() / 4;
        return new PartBuffers(partSize, (int) Math.max(2, Math.min(64, quarter / partSize)));
    }

    int partSize() {
        return partSize;
    }

    Buffer take() throws IOException {
        try {
            free.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for an upload buffer");
        }
        byte[] bytes = idle.poll();
        return new Buffer(bytes != null ? bytes : new byte[partSize]);
    }

    /** A second buffer for an upload that already holds one, when the pool has one to spare; none (null) otherwise, never waiting. */
    Buffer trySpare() {
        if (!free.tryAcquire()) {
            return null;
        }
        byte[] bytes = idle.poll();
        return new Buffer(bytes != null ? bytes : new byte[partSize]);
    }

    /** One part's worth of bytes: {@code length} of them filled. Closing gives it back. */
    final class Buffer implements AutoCloseable {
        final byte[] bytes;
        int length;
        private boolean returned;

        private Buffer(byte[] bytes) {
            this.bytes = bytes;
        }

        /**
         * Reads until the buffer is full (true) or the stream ends (false). {@code length} counts
         * every byte read, also when the stream fails midway, so what arrived is never lost.
         */
        boolean fillFrom(InputStream in) throws IOException {
            while (length < bytes.length) {
                int n = in.read(bytes, length, bytes.length - length);
                if (n < 0) {
                    return false;
                }
                length += n;
            }
            return true;
        }

        void clear() {
            length = 0;
        }

        @Override
        public void close() {
            if (!returned) {
                returned = true;
                idle.add(bytes);
                free.release();
            }
        }
    }
}
