package xtremweb.server.grouping;

import xtremweb.common.wire.GroupingCreate;
import xtremweb.common.wire.RightsChange;
import xtremweb.server.http.Router;

/** {@code /api/v1/sessions} or {@code /api/v1/groups}, whichever the service is for. */
final class GroupingEndpoints {
    private final GroupingService service;

    GroupingEndpoints(GroupingService service) {
        this.service = service;
    }

    void register(Router router) {
        String base = "/api/v1/" + service.kind().collection();
        router.route("POST", base, ex -> ex.json(201, service.create(ex.caller(), ex.body(GroupingCreate.class)).view()));
        router.route("GET", base, ex -> ex.json(200, service.list(ex.caller()).stream().map(GroupingRow::view).toList()));
        router.route("GET", base + "/{uid}", ex -> ex.json(200, service.get(ex.caller(), ex.param("uid")).view()));
        router.route("PUT", base + "/{uid}/rights", ex ->
                ex.json(200, service.chmod(ex.caller(), ex.param("uid"), ex.body(RightsChange.class).rights()).view()));
        router.route("DELETE", base + "/{uid}", ex -> {
            service.delete(ex.caller(), ex.param("uid"));
            ex.noContent();
        });
    }
}
