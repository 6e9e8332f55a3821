package xtremweb.common.wire;

/**
 * {@code POST /api/v1/pilots}, sent by a bridge with the user token of its worker identity: a
 * credential for {@code pilots} pilot jobs on {@code cluster}, each registering within
 * {@code registerWithinSeconds} (the time a pilot may wait in the batch queue) and living at most
 * {@code lifetimeSeconds} once registered (its batch time limit).
 */
public record PilotGrantRequest(String cluster, int pilots, long lifetimeSeconds, long registerWithinSeconds) {
    public PilotGrantRequest {
        if (cluster == null || cluster.isBlank()) {
            throw new IllegalArgumentException("cluster is required: the name xwworkers shows for the pilots' cluster");
        }
    }
}
