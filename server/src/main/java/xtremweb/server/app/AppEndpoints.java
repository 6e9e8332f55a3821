package xtremweb.server.app;

import xtremweb.common.wire.AppCreate;
import xtremweb.server.http.Router;

/** {@code /api/v1/apps}. */
public final class AppEndpoints {
    private final AppService service;

    public AppEndpoints(AppService service) {
        this.service = service;
    }

    public void register(Router router) {
        router.route("POST", "/api/v1/apps", ex -> ex.json(201, service.insert(ex.caller(), ex.body(AppCreate.class)).view()));
        router.route("GET", "/api/v1/apps", ex -> ex.json(200, service.list(ex.caller()).stream().map(AppRow::view).toList()));
        router.route("GET", "/api/v1/apps/{uidOrName}", ex -> ex.json(200, service.get(ex.caller(), ex.param("uidOrName")).view()));
    }
}
