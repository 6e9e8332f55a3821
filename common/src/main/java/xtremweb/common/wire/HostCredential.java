package xtremweb.common.wire;

/**
 * The host's own credential, returned once at registration; the worker keeps it (file readable by its
 * user only) and sends it as its bearer token on every {@code /api/v1/worker/} call.
 */
public record HostCredential(String hostUid, String hostToken, int alivePeriodSeconds) {
    @Override
    public String toString() {
        return "HostCredential[hostUid=" + hostUid + ", hostToken=***]";
    }
}
