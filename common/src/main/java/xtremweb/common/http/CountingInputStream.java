package xtremweb.common.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Tells a {@link XwHttpClient.Progress} how far a stream has been read. */
final class CountingInputStream extends FilterInputStream {
    private final long total;
    private final XwHttpClient.Progress progress;
    private long done;

    CountingInputStream(InputStream in, long start, long total, XwHttpClient.Progress progress) {
        super(in);
        this.done = start;
        this.total = total;
        this.progress = progress;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            progress.update(++done, total);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            done += n;
            progress.update(done, total);
        }
        return n;
    }
}
