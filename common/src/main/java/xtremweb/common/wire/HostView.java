package xtremweb.common.wire;

import java.time.Instant;

/**
 * A worker host as listed by {@code GET /api/v1/hosts}. {@code active}: seen recently enough to be
 * working; {@code enabled}: the administrator's switch (xwactivate), a disabled host gets no work.
 */
public record HostView(String uid, String name, String ownerUid, String os, String cpu, int cpuCount, long memory,
                       Instant lastAlive, boolean active, boolean enabled) {
}
