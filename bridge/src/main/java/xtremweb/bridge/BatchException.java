package xtremweb.bridge;

/** A batch command failed; the message says which, its exit code and what it printed. */
public final class BatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BatchException(String message) {
        super(message);
    }

    public BatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
