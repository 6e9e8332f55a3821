package xtremweb.common.http;

import java.net.URI;
import java.util.Optional;

/** The server could not be reached or its certificate was refused; the message says what to check. */
public final class XwConnectException extends RuntimeException {
    /**
     * What went wrong, so a caller that knows where the address and the certificate were configured
     * (the client's configuration file) can name the key to fix.
     */
    public enum Reason {
        /** The server's host name does not resolve. */
        UNKNOWN_HOST,
        /** Nothing listens at the address and port (or a firewall refuses). */
        REFUSED,
        /** Something answered with a certificate other than the pinned one. */
        CERTIFICATE,
        /** Anything else: a timeout, a connection cut in the middle of a call. */
        OTHER
    }

    private final Reason reason;
    private final URI server;

    public XwConnectException(String message, Throwable cause) {
        this(Reason.OTHER, message, cause);
    }

    public XwConnectException(Reason reason, String message, Throwable cause) {
        this(reason, message, cause, null);
    }

    /** @param server the server that could not be reached, so that a rewording can name it; null when unknown */
    public XwConnectException(Reason reason, String message, Throwable cause, URI server) {
        super(message, cause);
        this.reason = reason;
        this.server = server;
    }

    /** The server that could not be reached, when known. */
    public Optional<URI> server() {
        return Optional.ofNullable(server);
    }

    public Reason reason() {
        return reason;
    }
}
