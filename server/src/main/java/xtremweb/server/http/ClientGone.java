package xtremweb.server.http;

import java.io.IOException;
import org.eclipse.jetty.io.QuietException;

/**
 * The request body stopped arriving: the client closed the connection or stalled past the idle
 * timeout. An IOException, so the services clean up as for any failed read; the handler logs one
 * INFO line instead of a bug's stack trace.
 */
final class ClientGone extends IOException implements QuietException {
    private static final long serialVersionUID = 1L;
    private final long bytesRead;

    ClientGone(long bytesRead, IOException cause) {
        super(cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
        this.bytesRead = bytesRead;
    }

    long bytesRead() {
        return bytesRead;
    }
}
