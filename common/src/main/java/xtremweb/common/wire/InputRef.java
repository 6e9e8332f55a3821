package xtremweb.common.wire;

/**
 * A data a task needs (binary, stdin, environment). The worker downloads it from
 * {@code GET /api/v1/worker/tasks/{taskUid}/inputs/{dataUid}}, or from {@code uri} when the data
 * lives elsewhere ({@code http://}, {@code https://}), and checks size and SHA-256.
 */
public record InputRef(String dataUid, String name, long size, String sha256, String uri) {
    /** An input the server holds. */
    public InputRef(String dataUid, String name, long size, String sha256) {
        this(dataUid, name, size, sha256, null);
    }
}
