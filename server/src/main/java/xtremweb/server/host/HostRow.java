package xtremweb.server.host;

import java.time.Instant;
import xtremweb.common.wire.HostView;

/**
 * One row of the hosts table (the credential hash stays out of toString). {@code active}: the host
 * was seen; {@code enabled}: the administrator lets it get work (xwactivate). {@code disk} and
 * {@code cpuSpeed} are null when the host did not declare them; {@code benchedUntil} is set while
 * the host is kept from work because its jobs kept failing. {@code pilot} is null unless the host
 * is a pilot job of a batch cluster.
 */
public record HostRow(String uid, String name, String ownerUid, String os, String cpu, int cpuCount, long memory,
                      String javaVersion, String credentialHash, Instant lastAlive, boolean active, Instant created,
                      boolean enabled, Long disk, Integer cpuSpeed, Instant benchedUntil, HostPilot pilot) {
    /**
     * As listed, with the login of its owner ({@code null} if the account is gone). Active means
     * alive: seen since {@code aliveSince} and not gone. A killed worker says no goodbye, and its
     * row's flag alone would show it alive for ever.
     */
    public HostView view(String ownerLogin, Instant aliveSince) {
        boolean alive = active && lastAlive != null && !lastAlive.isBefore(aliveSince);
        return new HostView(uid, name, ownerUid, os, cpu, cpuCount, memory, lastAlive, alive, enabled, cpuSpeed, disk,
                benchedUntil, ownerLogin, pilot == null ? null : pilot.cluster(), pilot == null ? null : pilot.jobId(),
                pilot == null ? null : pilot.credentialExpires());
    }

    /** Whether the host is on the bench at {@code now}. */
    public boolean benched(Instant now) {
        return benchedUntil != null && benchedUntil.isAfter(now);
    }

    /** This row as it is once the host was seen alive at {@code now}. */
    public HostRow seenAt(Instant now) {
        return new HostRow(uid, name, ownerUid, os, cpu, cpuCount, memory, javaVersion, credentialHash, now, true, created,
                enabled, disk, cpuSpeed, benchedUntil, pilot);
    }

    /** Whether the host's credential still opens the API at {@code now} (a pilot's ends with its lifetime). */
    public boolean credentialValid(Instant now) {
        return pilot == null || pilot.credentialExpires().isAfter(now);
    }

    @Override
    public String toString() {
        return "HostRow[uid=" + uid + ", name=" + name + ", owner=" + ownerUid + ", " + os + "/" + cpu + "]";
    }
}
