package xtremweb.worker.server;

import java.util.Objects;

/** The host UID (kept across restarts, so the server sees the same host) and its current credential. */
public record HostIdentity(String hostUid, String hostToken) {
    public HostIdentity {
        Objects.requireNonNull(hostUid, "hostUid");
        Objects.requireNonNull(hostToken, "hostToken");
    }

    @Override
    public String toString() {
        return "HostIdentity[hostUid=" + hostUid + ", hostToken=***]";
    }
}
