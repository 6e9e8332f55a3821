package xtremweb.server.grouping;

import xtremweb.common.wire.GroupingCreate;
import xtremweb.common.wire.GroupingView;
import xtremweb.common.wire.RightsChange;
import xtremweb.server.http.Router;
import xtremweb.server.user.Names;

/** {@code /api/v1/sessions} and {@code /api/v1/groups}: the same calls on either kind. */
public final class GroupingEndpoints {
    private final Groupings groupings;
    private final Names names;

    public GroupingEndpoints(Groupings groupings, Names names) {
        this.groupings = groupings;
        this.names = names;
    }

    public void register(Router router) {
        register(router, groupings.sessions());
        register(router, groupings.groups());
    }

    private void register(Router router, GroupingService service) {
        String base = "/api/v1/" + service.kind().collection();
        // Idempotency-Key: a repetition whose answer was lost is answered with the one it created, not 409.
        router.route("POST", base, ex -> ex.json(201, service.create(ex.caller(), ex.body(GroupingCreate.class),
                xtremweb.server.db.RequestKeys.checked(ex.header(xtremweb.server.db.RequestKeys.HEADER))).view()));
        router.route("GET", base, ex -> ex.json(200, names.withOwnerLogins(
                service.list(ex.caller()).stream().map(GroupingRow::view).toList(), GroupingView::ownerUid, GroupingView::withOwnerLogin)));
        router.route("GET", base + "/{uid}", ex -> ex.json(200, service.get(ex.caller(), ex.param("uid")).view()));
        router.route("PUT", base + "/{uid}/rights", ex ->
                ex.json(200, service.chmod(ex.caller(), ex.param("uid"), ex.body(RightsChange.class).rights()).view()));
        router.route("DELETE", base + "/{uid}", ex -> {
            service.delete(ex.caller(), ex.param("uid"));
            ex.noContent();
        });
    }
}
