package xtremweb.server.app;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import xtremweb.common.platform.Platform;
import xtremweb.common.wire.AppBinary;
import xtremweb.common.wire.AppCreate;
import xtremweb.server.data.DataService;
import xtremweb.server.db.Jdbc;
import xtremweb.server.http.ApiException;
import xtremweb.server.policy.AccessPolicy;
import xtremweb.server.policy.Caller;

/** Inserting apps and their binaries, and finding them by UID or name. */
public final class AppService {
    private final Jdbc jdbc;
    private final AppRepository apps;
    private final AppBinaryRepository binaries;
    private final DataService datas;
    private final AccessPolicy policy;
    private final Clock clock;

    public AppService(Jdbc jdbc, AppRepository apps, AppBinaryRepository binaries, DataService datas, AccessPolicy policy, Clock clock) {
        this.jdbc = jdbc;
        this.apps = apps;
        this.binaries = binaries;
        this.datas = datas;
        this.policy = policy;
        this.clock = clock;
    }

    public AppRow insert(Caller caller, AppCreate request) {
        if (!policy.maySubmit(caller)) {
            throw ApiException.forbidden("a " + caller.rights() + " account cannot insert apps; use a STANDARD_USER account");
        }
        datas.readable(caller, request.binaryDataUid());
        AppBinary binary = new AppBinary(Platform.normaliseOs(request.os()), Platform.normaliseCpu(request.cpu()),
                request.binaryDataUid());
        return jdbc.tx("insert app", c -> {
            Optional<AppRow> existing = apps.byName(c, request.name());
            if (existing.isPresent()) {
                AppRow app = existing.get();
                if (!caller.userUid().equals(app.ownerUid()) && !caller.isSuperUser()) {
                    throw ApiException.conflict("app '" + request.name() + "' belongs to another user; choose another name");
                }
                binaries.put(c, app.uid(), binary);
            } else {
                apps.insert(c, new AppRow(UUID.randomUUID().toString(), request.name(), caller.userUid(),
                        caller.usergroupUid(), policy.appRights(caller.rights()), clock.instant(), List.of(binary)));
            }
            return apps.byName(c, request.name()).orElseThrow();
        });
    }

    /** By UID first, then by name; only apps the caller may read. */
    public Optional<AppRow> find(Caller caller, String uidOrName) {
        return jdbc.tx("find app", c -> {
            Optional<AppRow> app = apps.byUid(c, uidOrName);
            return app.isPresent() ? app : apps.byName(c, uidOrName);
        }).filter(a -> policy.mayRead(caller, a.owned()));
    }

    public AppRow get(Caller caller, String uidOrName) {
        return find(caller, uidOrName).orElseThrow(() -> ApiException.notFound("app-not-found",
                "app '" + uidOrName + "' is not installed; list apps with xwapps"));
    }

    public List<AppRow> list(Caller caller) {
        return jdbc.tx("list apps", apps::all).stream().filter(a -> policy.mayRead(caller, a.owned())).toList();
    }

    public Optional<AppRow> byUidUnchecked(String uid) {
        return jdbc.tx("find app", c -> apps.byUid(c, uid));
    }
}
