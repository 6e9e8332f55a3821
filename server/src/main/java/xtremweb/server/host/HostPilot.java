package xtremweb.server.host;

import java.time.Instant;

/**
 * What makes a host a pilot: the batch cluster and job it runs in, and when its credential ends
 * (the pilot's lifetime; afterwards every call with it is a 401).
 */
public record HostPilot(String cluster, String jobId, Instant credentialExpires) {
    public HostPilot {
        if (cluster == null || jobId == null || credentialExpires == null) {
            throw new IllegalArgumentException("a pilot host needs its cluster, job id and credential end");
        }
    }
}
