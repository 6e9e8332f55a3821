package xtremweb.common.wire;

/** {@code POST /api/v1/worker/workrequest}: how long the worker accepts to wait for a job (long poll). */
public record WorkRequest(int waitSeconds) {
    public WorkRequest {
        if (waitSeconds < 0 || waitSeconds > 120) {
            throw new IllegalArgumentException("waitSeconds must be between 0 and 120");
        }
    }
}
