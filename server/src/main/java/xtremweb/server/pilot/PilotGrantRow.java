package xtremweb.server.pilot;

import java.time.Instant;

/** One row of pilot_grants: who asked, for which cluster, how many pilots, until when they may register. */
record PilotGrantRow(String tokenHash, String ownerUid, String cluster, int pilots, int registered, Instant registerBefore,
                     long lifetimeSeconds, Instant created) {
    @Override
    public String toString() {
        return "PilotGrantRow[owner=" + ownerUid + ", cluster=" + cluster + ", " + registered + "/" + pilots
                + " registered, registerBefore=" + registerBefore + "]";
    }
}
