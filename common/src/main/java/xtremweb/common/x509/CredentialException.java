package xtremweb.common.x509;

/** A certificate or key file that cannot be used, with one sentence saying which and what to do. */
public final class CredentialException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CredentialException(String message) {
        super(message);
    }

    public CredentialException(String message, Throwable cause) {
        super(message, cause);
    }
}
