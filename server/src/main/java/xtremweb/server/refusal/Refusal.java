package xtremweb.server.refusal;

/**
 * A request the server will not carry out, for a reason the caller can act on. {@link #code()} is
 * stable (programs branch on it); the message is one sentence saying what was wrong and what to do.
 * No stack trace is taken: a refusal is an answer, not a bug.
 */
public abstract sealed class Refusal extends RuntimeException
        permits Conflict, Elsewhere, Forbidden, InvalidInput, NotFound, RangeNotSatisfiable, StorageFull, TooLarge,
                TooManyAttempts, Unauthenticated, Unavailable, Unprocessable {
    private static final long serialVersionUID = 1L;
    private final String code;

    Refusal(String code, String detail) {
        super(detail, null, false, false);
        if (code == null || code.isBlank() || detail == null || detail.isBlank()) {
            throw new IllegalArgumentException("a refusal needs a code and a detail");
        }
        this.code = code;
    }

    /** The stable problem code, like {@code work-not-found}. */
    public final String code() {
        return code;
    }

    /** The sentence for people. */
    public final String detail() {
        return getMessage();
    }
}
