package xtremweb.server.refusal;

import java.time.Duration;

/** The server cannot serve this now (stopping, overloaded, a dependency down); try again after {@link #retryAfter()}. */
public final class Unavailable extends Refusal {
    private static final long serialVersionUID = 1L;
    private final transient Duration retryAfter;

    public Unavailable(Duration retryAfter, String detail) {
        this("unavailable", retryAfter, detail);
    }

    public Unavailable(String code, Duration retryAfter, String detail) {
        super(code, detail);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
