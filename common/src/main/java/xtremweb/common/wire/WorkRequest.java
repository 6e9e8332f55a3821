package xtremweb.common.wire;

/**
 * {@code POST /api/v1/worker/workrequest}: how long the worker accepts to wait for a job (long
 * poll) and, in protocol 2, how many jobs it may start now ({@code slots}, its free pool slots):
 * the server claims up to that many in one transaction. A protocol-1 worker sends no
 * {@code slots} and gets one job at most.
 */
public record WorkRequest(int waitSeconds, Integer slots) {
    /** The most works one request may claim. */
    public static final int MAX_SLOTS = 64;

    public WorkRequest {
        if (waitSeconds < 0 || waitSeconds > 120) {
            throw new IllegalArgumentException("waitSeconds must be between 0 and 120");
        }
        if (slots != null && (slots < 1 || slots > MAX_SLOTS)) {
            throw new IllegalArgumentException("slots must be between 1 and " + MAX_SLOTS);
        }
    }

    /** A protocol-1 request: one job at most. */
    public WorkRequest(int waitSeconds) {
        this(waitSeconds, null);
    }

    /** How many works the server may claim for this request. */
    public int claimable() {
        return slots == null ? 1 : slots;
    }
}
