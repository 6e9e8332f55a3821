package xtremweb.common.wire;

import java.time.Instant;

/**
 * The answer to {@link PilotGrantRequest}: a registration token ({@code xwp_...}) that up to
 * {@code pilots} pilots exchange for host credentials before {@code registerBefore}. It opens
 * nothing else: no login, no API call but {@code POST /api/v1/pilots/register}.
 */
public record PilotGrant(String token, String cluster, int pilots, Instant registerBefore, long lifetimeSeconds) {
    @Override
    public String toString() {
        return "PilotGrant[cluster=" + cluster + ", pilots=" + pilots + ", registerBefore=" + registerBefore + ", lifetimeSeconds="
                + lifetimeSeconds + ", token=***]";
    }
}
