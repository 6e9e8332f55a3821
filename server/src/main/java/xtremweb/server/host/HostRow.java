package xtremweb.server.host;

import java.time.Instant;

/** One row of the hosts table (the credential hash stays out of toString). */
public record HostRow(String uid, String name, String ownerUid, String os, String cpu, int cpuCount, long memory,
                      String javaVersion, String credentialHash, Instant lastAlive, boolean active, Instant created) {
    @Override
    public String toString() {
        return "HostRow[uid=" + uid + ", name=" + name + ", owner=" + ownerUid + ", " + os + "/" + cpu + "]";
    }
}
