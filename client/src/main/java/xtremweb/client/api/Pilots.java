package xtremweb.client.api;

import xtremweb.common.wire.PilotDemand;
import xtremweb.common.wire.PilotGrant;
import xtremweb.common.wire.PilotGrantRequest;

/**
 * Pilot jobs, as a bridge sees them: how many pending works its identity could run, and grants its
 * pilots register with (API.md, "Pilot jobs").
 */
public final class Pilots {
    private static final String PILOTS = Connection.API + "/pilots";
    private final Connection connection;

    Pilots(Connection connection) {
        this.connection = connection;
    }

    /** The pending works a worker of the logged-in identity could run on os/cpu. */
    public PilotDemand demand(String os, String cpu) {
        return connection.http.get(PILOTS + "/demand?os=" + Connection.segment(os) + "&cpu=" + Connection.segment(cpu),
                PilotDemand.class);
    }

    /** A registration token for {@code request.pilots()} pilots of the logged-in identity. */
    public PilotGrant grant(PilotGrantRequest request) {
        return connection.http.post(PILOTS, request, PilotGrant.class);
    }
}
