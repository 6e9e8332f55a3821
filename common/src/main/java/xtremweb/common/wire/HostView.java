package xtremweb.common.wire;

import java.time.Instant;

/**
 * A worker host as listed by {@code GET /api/v1/hosts}. {@code active}: seen recently enough to be
 * working; {@code enabled}: the administrator's switch (xwactivate), a disabled host gets no work.
 * {@code cpuSpeedMhz} and {@code diskBytes} as the host declared them (null if not: the manual's
 * "CPU performances, disk availability"); {@code benchedUntil} while its failing jobs keep it from work.
 * {@code name} is the worker's {@code host.name} (the machine's name by default), so several workers
 * of one machine may share it; {@code ownerLogin} is the login of the account the worker logged in
 * with (null if that account is gone). A pilot (a worker that a bridge runs as a batch job) has
 * {@code pilotCluster} and {@code pilotJobId}, and {@code pilotUntil}, when its credential ends;
 * all three are null for other workers. {@code credit}: CPU seconds of the certified results it computed.
 */
public record HostView(String uid, String name, String ownerUid, String os, String cpu, int cpuCount, long memory,
                       Instant lastAlive, boolean active, boolean enabled, Integer cpuSpeedMhz, Long diskBytes,
                       Instant benchedUntil, String ownerLogin, String pilotCluster, String pilotJobId, Instant pilotUntil,
                       Double credit) {
    /** A host listed without its credit. */
    public HostView(String uid, String name, String ownerUid, String os, String cpu, int cpuCount, long memory,
                    Instant lastAlive, boolean active, boolean enabled, Integer cpuSpeedMhz, Long diskBytes,
                    Instant benchedUntil, String ownerLogin, String pilotCluster, String pilotJobId, Instant pilotUntil) {
        this(uid, name, ownerUid, os, cpu, cpuCount, memory, lastAlive, active, enabled, cpuSpeedMhz, diskBytes, benchedUntil,
                ownerLogin, pilotCluster, pilotJobId, pilotUntil, null);
    }

    /** This host with its credit. */
    public HostView withCredit(double credits) {
        return new HostView(uid, name, ownerUid, os, cpu, cpuCount, memory, lastAlive, active, enabled, cpuSpeedMhz, diskBytes,
                benchedUntil, ownerLogin, pilotCluster, pilotJobId, pilotUntil, credits);
    }
}
