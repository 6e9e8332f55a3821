package xtremweb.server.app;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import xtremweb.common.rights.AccessRights;
import xtremweb.common.wire.AppBinary;
import xtremweb.common.wire.AppCreate;
import xtremweb.server.cache.TtlCache;
import xtremweb.server.certification.ReplicationPolicy;
import xtremweb.server.data.DataService;
import xtremweb.server.data.PlatformNames;
import xtremweb.server.db.Column;
import xtremweb.server.db.Jdbc;
import xtremweb.server.policy.AccessPolicy;
import xtremweb.server.policy.Action;
import xtremweb.server.policy.Caller;
import xtremweb.server.policy.Rights;
import xtremweb.server.refusal.Conflict;
import xtremweb.server.refusal.Forbidden;
import xtremweb.server.refusal.NotFound;

/** Inserting apps and their binaries, and finding them by UID or name. */
public final class AppService {
    private final Jdbc jdbc;
    private final AppRepository apps;
    private final AppBinaryRepository binaries;
    private final DataService datas;
    private final AccessPolicy policy;
    private final Clock clock;
    // Submissions name their app each time; the app rows read lately, by UID or name.
    private static final Duration RECENT = Duration.ofSeconds(5);
    private final TtlCache<String, AppRow> recent;
    private volatile Deletion whenDeleted = (c, app) -> 0;

    public AppService(Jdbc jdbc, AppRepository apps, AppBinaryRepository binaries, DataService datas, AccessPolicy policy, Clock clock) {
        this.jdbc = jdbc;
        this.apps = apps;
        this.binaries = binaries;
        this.datas = datas;
        this.policy = policy;
        this.clock = clock;
        this.recent = new TtlCache<>("apps", RECENT, 10_000, clock);
    }

    public AppRow insert(Caller caller, AppCreate request) {
        if (!policy.maySubmit(caller)) {
            throw new Forbidden(policy.whyNoSubmit(caller, "apps"));
        }
        AccessRights rights = policy.appRights(caller.rights());
        if (request.accessRights() != null) {
            AccessRights requested = Rights.apply(rights, request.accessRights());
            if (!policy.mayInsertAppWith(caller.rights(), requested)) {
                throw new Forbidden(caller.rights().withArticle() + " may insert apps with rights " + rights
                        + " at most, not " + requested + "; ask an ADVANCED_USER to insert a public or group app");
            }
            rights = requested;
        }
        AccessRights appRights = rights;
        ReplicationPolicy replication = ReplicationPolicy.forApp(request.replication());
        datas.readableWithContent(caller, request.binaryDataUid(), "binary");
        AppBinary binary = new AppBinary(PlatformNames.os(Column.BINARY_OS.name("os", request.os())),
                PlatformNames.cpu(Column.BINARY_CPU.name("cpu", request.cpu())), request.binaryDataUid());
        AppRow inserted = jdbc.tx("insert app", c -> {
            Optional<AppRow> existing = apps.byNameInAnyCase(c, request.name());
            if (existing.isPresent()) {
                AppRow app = existing.get();
                if (!caller.userUid().equals(app.ownerUid()) && !caller.isSuperUser()) {
                    throw new Forbidden("app '" + app.name() + "' belongs to another user: only its owner (or a"
                            + " SUPER_USER) adds or replaces its binaries; insert yours under another name");
                }
                binaries.put(c, app.uid(), binary);
                if (request.replication() != null) {
                    // Set by whoever inserts the app: its owner may change it with a new binary.
                    apps.setReplication(c, app.uid(), replication);
                }
            } else if (apps.nameTaken(c, request.name())) {
                throw new Conflict("app name '" + request.name() + "' belonged to a deleted app (names that differ only by"
                        + " case count as one); choose another name");
            } else {
                apps.insert(c, new AppRow(UUID.randomUUID().toString(), request.name(), caller.userUid(),
                        caller.usergroupUid(), appRights, clock.instant(), List.of(binary), replication));
            }
            // The binary takes its app's rights in the same transaction: a private app's executable
            // is no public data (insert with --xwrights or not, through the CLI or the API).
            Optional<AccessRights> binaryRights = binaries.widestAppRights(c, binary.dataUid());
            if (binaryRights.isPresent()) {
                datas.followApps(c, caller, binary.dataUid(), binaryRights.get());
            }
            return apps.byNameInAnyCase(c, request.name()).orElseThrow();
        });
        // A new binary must be seen by the next submission here (other servers: within RECENT).
        recent.clear();
        return inserted;
    }

    /** By UID first, then by name; only apps the caller may read. */
    public Optional<AppRow> find(Caller caller, String uidOrName) {
        Optional<AppRow> found = recent.get(uidOrName);
        if (found.isEmpty()) {
            found = jdbc.tx("find app", c -> {
                Optional<AppRow> app = apps.byUid(c, uidOrName);
                // 'APPTEST' is 'apptest', on H2 as on MariaDB (whose collation already found it).
                return app.isPresent() ? app : apps.byNameInAnyCase(c, uidOrName);
            });
            found.ifPresent(app -> recent.put(uidOrName, app));
        }
        return found.filter(a -> policy.mayRead(caller, a.owned()));
    }

    public AppRow get(Caller caller, String uidOrName) {
        return find(caller, uidOrName).orElseThrow(() -> new NotFound("app-not-found",
                "app '" + uidOrName + "' is not installed; list apps with xwapps"));
    }

    public List<AppRow> list(Caller caller) {
        return jdbc.tx("list apps", apps::all).stream().filter(a -> policy.mayRead(caller, a.owned())).toList();
    }

    /** App rights follow from who inserted the app; nobody changes them, as the manual says. */
    public AppRow chmod(Caller caller, String uidOrName) {
        AppRow app = get(caller, uidOrName);
        if (!policy.mayChmodApp()) {
            throw new Forbidden("the rights of app '" + app.name() + "' cannot be changed: apps are public when"
                    + " inserted by an ADVANCED_USER or above, private otherwise");
        }
        return app;
    }

    /**
     * Marks the app deleted (kept in history); owner or SUPER_USER only. Returns how many of its works
     * that no worker had started ended with it (see {@link #whenDeleted}).
     */
    public int delete(Caller caller, String uidOrName) {
        AppRow app = get(caller, uidOrName);
        if (!policy.may(caller, Action.DELETE, app.owned())) {
            throw new Forbidden(policy.unlessHost(caller, "only the owner of app '" + app.name() + "' (or a SUPER_USER) may delete it"));
        }
        int ended = jdbc.tx("delete app", c -> {
            apps.markDeleted(c, app.uid());
            return whenDeleted.deleted(c, app);
        });
        recent.clear();
        return ended;
    }

    /**
     * What else goes with a deleted app, in the transaction that deletes it: its works that no host
     * started would otherwise stay PENDING for good, no worker being given a deleted app.
     */
    public void whenDeleted(Deletion then) {
        this.whenDeleted = then;
    }

    /** Runs in the transaction that marks an app deleted; returns how many works it ended. */
    @FunctionalInterface
    public interface Deletion {
        int deleted(Connection c, AppRow app) throws SQLException;
    }

    public Optional<AppRow> byUidUnchecked(String uid) {
        return jdbc.tx("find app", c -> apps.byUid(c, uid));
    }
}
