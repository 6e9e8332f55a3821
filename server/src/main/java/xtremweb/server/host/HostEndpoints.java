package xtremweb.server.host;

import xtremweb.common.wire.HostRegistration;
import xtremweb.server.http.Router;

/** {@code POST /api/v1/worker/register}. */
public final class HostEndpoints {
    private final HostService service;

    public HostEndpoints(HostService service) {
        this.service = service;
    }

    public void register(Router router) {
        router.route("POST", "/api/v1/worker/register", ex -> ex.json(200, service.register(ex.caller(), ex.body(HostRegistration.class))));
    }
}
