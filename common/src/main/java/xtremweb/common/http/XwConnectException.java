package xtremweb.common.http;

/** The server could not be reached or its certificate was refused; the message says what to check. */
public final class XwConnectException extends RuntimeException {
    public XwConnectException(String message, Throwable cause) {
        super(message, cause);
    }
}
