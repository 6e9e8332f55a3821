package xtremweb.common.wire;

/**
 * The host's own credential, returned once at registration; the worker keeps it (file readable by its
 * user only) and sends it as its bearer token on every {@code /api/v1/worker/} call.
 *
 * <p>{@code protocol} is the newest worker protocol the server speaks ({@link WorkerProtocol}); a
 * server older than protocol 2 does not send it, which a worker reads as protocol 1.
 */
public record HostCredential(String hostUid, String hostToken, int alivePeriodSeconds, Integer protocol) {
    public HostCredential(String hostUid, String hostToken, int alivePeriodSeconds) {
        this(hostUid, hostToken, alivePeriodSeconds, null);
    }

    /** The protocol the server offers: 1 when it did not say. */
    public int serverProtocol() {
        return protocol == null ? WorkerProtocol.V1 : protocol;
    }

    @Override
    public String toString() {
        return "HostCredential[hostUid=" + hostUid + ", hostToken=***, protocol=" + serverProtocol() + "]";
    }
}
