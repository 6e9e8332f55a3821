package xtremweb.server.refusal;

import java.time.Duration;

/** Refused for a while to slow a guesser down; {@link #retryAfter()} says when to try again. */
public final class TooManyAttempts extends Refusal {
    private static final long serialVersionUID = 1L;
    private final transient Duration retryAfter;

    public TooManyAttempts(Duration retryAfter, String detail) {
        super("too-many-attempts", detail);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
