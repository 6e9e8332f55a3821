package xtremweb.server.app;

import xtremweb.common.wire.AppCreate;
import xtremweb.common.wire.AppDeletion;
import xtremweb.common.wire.AppView;
import xtremweb.common.wire.RightsChange;
import xtremweb.server.http.Router;
import xtremweb.server.user.Names;

/** {@code /api/v1/apps}. */
public final class AppEndpoints {
    private final AppService service;
    private final Names names;

    public AppEndpoints(AppService service, Names names) {
        this.service = service;
        this.names = names;
    }

    public void register(Router router) {
        router.route("POST", "/api/v1/apps", ex -> ex.json(201, service.insert(ex.caller(), ex.body(AppCreate.class)).view()));
        router.route("GET", "/api/v1/apps", ex -> ex.json(200, names.withOwnerLogins(
                service.list(ex.caller()).stream().map(AppRow::view).toList(), AppView::ownerUid, AppView::withOwnerLogin)));
        router.route("PUT", "/api/v1/apps/{uidOrName}/rights", ex -> {
            ex.body(RightsChange.class);
            ex.json(200, service.chmod(ex.caller(), ex.param("uidOrName")).view());
        });
        router.route("DELETE", "/api/v1/apps/{uidOrName}", ex -> {
            AppRow app = service.get(ex.caller(), ex.param("uidOrName"));
            int ended = service.delete(ex.caller(), app.uid());
            ex.json(200, new AppDeletion(app.uid(), app.name(), ended));
        });
        router.route("GET", "/api/v1/apps/{uidOrName}", ex -> ex.json(200, service.get(ex.caller(), ex.param("uidOrName")).view()));
    }
}
