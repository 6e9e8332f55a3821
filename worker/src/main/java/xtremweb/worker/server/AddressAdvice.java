package xtremweb.worker.server;

import java.net.URI;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import xtremweb.common.http.XwConnectException;

/**
 * A failure to reach the server, worded for the volunteer reading the worker's log: which server,
 * and which key of which configuration file to fix ({@code dispatcher.servers}, {@code port.https},
 * {@code path.certfile}). The worker may run from /etc/xtremweb, the installation's conf/ or the
 * user's ~/.xtremweb: without the file, the volunteer does not know which one to open.
 */
public final class AddressAdvice implements UnaryOperator<XwConnectException> {
    private final String source;
    private final Path certFile;

    /**
     * @param source   the configuration file the server's address came from
     * @param certFile the pinned server certificate ({@code path.certfile})
     */
    public AddressAdvice(String source, Path certFile) {
        this.source = source;
        this.certFile = certFile;
    }

    @Override
    public XwConnectException apply(XwConnectException e) {
        if (e.server().isEmpty()) {
            return e;
        }
        URI server = e.server().get();
        String where = server.getHost() + ":" + server.getPort();
        String message = switch (e.reason()) {
            case UNKNOWN_HOST -> "cannot find the server '" + server.getHost() + "': the name does not resolve;"
                    + " fix dispatcher.servers in " + source;
            case REFUSED -> "nothing answers at " + where + "; start the server there, or fix dispatcher.servers"
                    + " or port.https in " + source;
            case CERTIFICATE -> "the server at " + where + " does not have the certificate pinned by path.certfile ("
                    + certFile + " in " + source + "); copy the server's xwserver.pem there";
            case OTHER -> null;
        };
        // Built from the reason and the server only, so a message advised twice reads the same.
        return message == null ? e : new XwConnectException(e.reason(), message, e.getCause(), server);
    }
}
