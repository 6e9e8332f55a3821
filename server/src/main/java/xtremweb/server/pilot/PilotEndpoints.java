package xtremweb.server.pilot;

import xtremweb.common.wire.PilotGrantRequest;
import xtremweb.common.wire.PilotRegistration;
import xtremweb.server.http.Router;

/**
 * {@code /api/v1/pilots}: grants for a bridge, the pilots' registration (its bearer is the grant
 * token, which no other call accepts) and the demand a bridge sizes its pilots by.
 */
public final class PilotEndpoints {
    private static final String BEARER = "Bearer ";
    private final PilotService service;

    public PilotEndpoints(PilotService service) {
        this.service = service;
    }

    public void register(Router router) {
        router.route("POST", "/api/v1/pilots", ex -> ex.json(201, service.grant(ex.caller(), ex.body(PilotGrantRequest.class))));
        router.route("POST", "/api/v1/pilots/register", ex -> {
            String token = ex.header("Authorization")
                    .filter(h -> h.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                    .map(h -> h.substring(BEARER.length()).trim()).orElse(null);
            // Without a grant token the body is not even read: the refusal comes first.
            boolean grantToken = token != null && token.startsWith(PilotService.TOKEN_PREFIX);
            PilotRegistration registration = grantToken ? ex.body(PilotRegistration.class) : null;
            // A grant that opens nothing counts with the unknown bearer tokens of the address: each costs a database read.
            ex.json(200, grantToken ? ex.tokenChecked(() -> service.register(token, registration))
                    : service.register(token, null));
        });
        router.route("GET", "/api/v1/pilots/demand", ex ->
                ex.json(200, service.demand(ex.caller(), ex.query("os").orElse(null), ex.query("cpu").orElse(null))));
    }
}
