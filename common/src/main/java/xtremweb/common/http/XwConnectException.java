package xtremweb.common.http;

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

    public XwConnectException(String message, Throwable cause) {
        this(Reason.OTHER, message, cause);
    }

    public XwConnectException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
