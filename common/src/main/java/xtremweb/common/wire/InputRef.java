package xtremweb.common.wire;

/**
 * A data a task needs (binary, stdin, environment). The worker downloads it from
 * {@code GET /api/v1/worker/tasks/{taskUid}/inputs/{dataUid}} and checks size and SHA-256.
 */
public record InputRef(String dataUid, String name, long size, String sha256) {
}
