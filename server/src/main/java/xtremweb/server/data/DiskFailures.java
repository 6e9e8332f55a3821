package xtremweb.server.data;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xtremweb.server.refusal.StorageFull;
import xtremweb.server.refusal.Unavailable;

/**
 * Tells apart why receiving content failed: the client stopped sending (its read failed: the
 * exception goes on as it is), or the server could not write its data disk, which the caller learns
 * as a refusal naming the cause: 507 {@code storage-full} when the disk is full, 503
 * {@code storage-unavailable} when it cannot be written at all. The operator gets one WARN line.
 */
public final class DiskFailures {
    private static final Logger LOG = LoggerFactory.getLogger(DiskFailures.class);
    // Below this much room beyond what the upload had written, the disk counts as full.
    private static final long FULL_MARGIN = 1L << 20;
    private static final Duration RETRY_UNWRITABLE = Duration.ofSeconds(60);

    private DiskFailures() {
    }

    /** Something that stores a body on the data disk. */
    @FunctionalInterface
    public interface Storing<T> {
        T store(InputStream body) throws IOException;
    }

    public static <T> T storing(DataStore store, InputStream body, Storing<T> storing) throws IOException {
        Watched watched = new Watched(body);
        try {
            return storing.store(watched);
        } catch (IOException e) {
            if (watched.readFailed) {
                throw e;
            }
            throw refusal(store, watched.bytesRead, e);
        }
    }

    private static RuntimeException refusal(DataStore store, long bytesRead, IOException e) {
        long usable = store.usableBytes();
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        boolean full = message.contains("no space left") || message.contains("quota exceeded")
                || (usable >= 0 && usable < bytesRead + FULL_MARGIN);
        LOG.warn("the data store refused a write after {} bytes ({} bytes usable now): {}", bytesRead, usable, e.toString());
        if (full) {
            return new StorageFull("storage-full", "the server's data disk is full; the upload was not kept: tell the server's"
                    + " operator, and upload again once there is room");
        }
        return new Unavailable("storage-unavailable", RETRY_UNWRITABLE, "the server cannot write its " + store.unwritable()
                + "; the upload was not kept: tell the server's operator, and upload again later");
    }

    /** Remembers whether a failure came from reading the body (the client) rather than from writing. */
    private static final class Watched extends FilterInputStream {
        private long bytesRead;
        private boolean readFailed;

        Watched(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                int b = super.read();
                bytesRead += b >= 0 ? 1 : 0;
                return b;
            } catch (IOException e) {
                readFailed = true;
                throw e;
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                int n = super.read(buffer, offset, length);
                bytesRead += Math.max(0, n);
                return n;
            } catch (IOException e) {
                readFailed = true;
                throw e;
            }
        }
    }
}
