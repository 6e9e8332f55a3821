package xtremweb.server.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A request body whose read failures are the client's doing: they become {@link ClientGone}. */
final class ClientBody extends FilterInputStream {
    private long bytesRead;

    ClientBody(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        try {
            int b = super.read();
            bytesRead += b >= 0 ? 1 : 0;
            return b;
        } catch (ClientGone e) {
            throw e;
        } catch (IOException e) {
            throw new ClientGone(bytesRead, e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            int n = super.read(buffer, offset, length);
            bytesRead += Math.max(0, n);
            return n;
        } catch (ClientGone e) {
            throw e;
        } catch (IOException e) {
            throw new ClientGone(bytesRead, e);
        }
    }
}
