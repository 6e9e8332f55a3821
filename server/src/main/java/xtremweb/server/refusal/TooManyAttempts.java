package xtremweb.server.refusal;

import java.time.Duration;

/**
 * Refused for a while to slow a guesser down, or a caller holding too much at once;
 * {@link #retryAfter()} says when to try again.
 */
public final class TooManyAttempts extends Refusal {
    private static final long serialVersionUID = 1L;
    private final transient Duration retryAfter;

    public TooManyAttempts(Duration retryAfter, String detail) {
        this("too-many-attempts", retryAfter, detail);
    }

    public TooManyAttempts(String code, Duration retryAfter, String detail) {
        super(code, detail);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
