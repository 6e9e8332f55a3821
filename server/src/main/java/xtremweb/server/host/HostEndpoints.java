package xtremweb.server.host;

import xtremweb.common.wire.HostActivation;
import xtremweb.common.wire.HostRegistration;
import xtremweb.server.http.Router;

/** {@code POST /api/v1/worker/register}, {@code GET /api/v1/hosts} and host activation. */
public final class HostEndpoints {
    private final HostService service;

    public HostEndpoints(HostService service) {
        this.service = service;
    }

    public void register(Router router) {
        router.route("POST", "/api/v1/worker/register", ex -> ex.json(200, service.register(ex.caller(), ex.body(HostRegistration.class))));
        router.route("GET", "/api/v1/hosts", ex -> ex.json(200, service.list(ex.caller())));
        router.route("PUT", "/api/v1/hosts/{uid}/activation", ex ->
                ex.json(200, service.view(service.activate(ex.caller(), ex.param("uid"), ex.body(HostActivation.class).enabled()))));
    }
}
