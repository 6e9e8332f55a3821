package xtremweb.server.data;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import xtremweb.server.refusal.TooLarge;

/**
 * Stops a body that grows past what its sender may store: uploads without a declared length are
 * cut at the limit instead of filling the disk first and being refused after.
 */
final class LimitedInputStream extends FilterInputStream {
    private final long limit;
    private final String refusal;
    private long count;

    LimitedInputStream(InputStream in, long limit, String refusal) {
        super(in);
        this.limit = limit;
        this.refusal = refusal;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            check(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            check(n);
        }
        return n;
    }

    private void check(int n) {
        count += n;
        if (count > limit) {
            throw new TooLarge("too-large", refusal);
        }
    }
}
