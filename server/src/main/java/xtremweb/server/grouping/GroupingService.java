package xtremweb.server.grouping;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import xtremweb.common.rights.AccessRights;
import xtremweb.common.wire.GroupingCreate;
import xtremweb.server.data.DataService;
import xtremweb.server.db.Column;
import xtremweb.server.db.Jdbc;
import xtremweb.server.policy.AccessPolicy;
import xtremweb.server.policy.Action;
import xtremweb.server.policy.Caller;
import xtremweb.server.policy.Rights;
import xtremweb.server.refusal.Conflict;
import xtremweb.server.refusal.Forbidden;
import xtremweb.server.refusal.NotFound;
import xtremweb.server.work.WorkRepository;

/** Creating, listing, reading, chmod and deleting sessions, or groups of works (one instance per kind). */
final class GroupingService {
    private final Grouping kind;
    private final Jdbc jdbc;
    private final GroupingRepository rows;
    private final WorkRepository works;
    private final DataService datas;
    private final AccessPolicy policy;
    private final Clock clock;

    GroupingService(Grouping kind, Jdbc jdbc, WorkRepository works, DataService datas, AccessPolicy policy, Clock clock) {
        this.kind = kind;
        this.jdbc = jdbc;
        this.rows = new GroupingRepository(kind);
        this.works = works;
        this.datas = datas;
        this.policy = policy;
        this.clock = clock;
    }

    Grouping kind() {
        return kind;
    }

    GroupingRow create(Caller caller, GroupingCreate request) {
        return create(caller, request, null);
    }

    /**
     * The same for a request named by {@code requestKey} ({@code Idempotency-Key}; null: none):
     * the caller's live one of that name, spelt and with the rights as asked, is the repetition of a
     * request whose answer was lost, answered with it instead of 409. Names being one per owner,
     * none is ever created twice; the key only spares the client a refusal of what it did.
     */
    GroupingRow create(Caller caller, GroupingCreate request, String requestKey) {
        if (!policy.maySubmit(caller)) {
            throw new Forbidden(policy.whyNoSubmit(caller, "a " + kind.noun()));
        }
        (kind == Grouping.SESSION ? Column.SESSION_NAME : Column.GROUP_NAME).name("name", request.name());
        AccessRights rights = policy.groupingRights(request.accessRights() == null ? null
                : Rights.apply(AccessRights.PRIVATE, request.accessRights()));
        GroupingRow row = new GroupingRow(UUID.randomUUID().toString(), request.name(), caller.userUid(),
                caller.usergroupUid(), rights, clock.instant(), false);
        return jdbc.tx("insert " + kind.noun(), c -> {
            // Names are per owner, as the user groups' labels are for the whole grid: a second
            // "xwsendsession s1" names the first rather than making two nobody tells apart. The
            // owner's row is locked first, so two such calls at once are checked one after the other.
            rows.lockOwner(c, caller.userUid());
            Optional<GroupingRow> existing = rows.liveNamed(c, caller.userUid(), request.name());
            if (existing.isPresent() && requestKey != null && existing.get().name().equals(request.name())
                    && existing.get().rights().equals(rights)) {
                return existing.get();
            }
            if (existing.isPresent()) {
                throw new Conflict(kind.noun() + "-exists", "you already have a " + kind.noun() + " named '"
                        + existing.get().name() + "': " + existing.get().uid() + " (names that differ only by case count"
                        + " as one); use it, or choose another name");
            }
            rows.insert(c, row);
            return row;
        });
    }

    List<GroupingRow> list(Caller caller) {
        return jdbc.tx("list " + kind.collection(), rows::live).stream().filter(g -> policy.mayRead(caller, g.owned())).toList();
    }

    GroupingRow get(Caller caller, String uid) {
        return jdbc.tx("find " + kind.noun(), c -> rows.byUid(c, uid))
                .filter(g -> !g.deleted() && policy.mayRead(caller, g.owned()))
                .orElseThrow(() -> notFound(uid));
    }

    /** The row if the caller may read it or do {@code action} to it ({@link AccessPolicy#mayFindFor}); 404 otherwise. */
    private GroupingRow getFor(Caller caller, String uid, Action action) {
        return jdbc.tx("find " + kind.noun(), c -> rows.byUid(c, uid))
                .filter(g -> !g.deleted() && policy.mayFindFor(caller, action, g.owned()))
                .orElseThrow(() -> notFound(uid));
    }

    /**
     * A job may go into a live session (or group) the caller may write into. One the caller may not
     * read is a 404, as {@link #get} answers it, so a hidden one's existence does not leak; only one
     * it may read but not fill is a 403.
     */
    void requireInsertable(Caller caller, String uid) {
        GroupingRow row = get(caller, uid);
        if (!policy.mayInsertInto(caller, row.owned())) {
            throw new Forbidden("you may not insert works into " + kind.noun() + " " + uid
                    + " (rights " + row.rights() + "); ask its owner, or use one of yours");
        }
    }

    GroupingRow chmod(Caller caller, String uid, String mode) {
        GroupingRow row = getFor(caller, uid, Action.CHMOD);
        if (!policy.may(caller, Action.CHMOD, row.owned())) {
            throw new Forbidden(policy.unlessHost(caller, "only the owner of " + kind.noun() + " " + uid + " (or a SUPER_USER) may change its rights"));
        }
        AccessRights rights = Rights.apply(row.rights(), mode);
        if (!jdbc.tx("chmod " + kind.noun(), c -> rows.setRights(c, uid, rights))) {
            throw new Conflict(kind.noun() + " " + uid + " was deleted meanwhile");
        }
        return getFor(caller, uid, Action.CHMOD);
    }

    /**
     * Marks the session (or group) deleted and, in the same transaction, every work in it, as
     * deleting each work would: their results go with them and running tasks are cancelled at
     * their hosts' next heartbeat. Returns how many works were deleted.
     */
    int delete(Caller caller, String uid) {
        GroupingRow row = getFor(caller, uid, Action.DELETE);
        if (!policy.may(caller, Action.DELETE, row.owned())) {
            throw new Forbidden(policy.unlessHost(caller, "only the owner of " + kind.noun() + " " + uid + " (or a SUPER_USER) may delete it"));
        }
        return jdbc.tx("delete " + kind.noun(), c -> {
            if (!rows.markDeleted(c, uid)) {
                return 0;
            }
            for (String result : works.resultsOf(c, kind.works(uid))) {
                datas.releaseResult(c, result);
            }
            return works.markDeleted(c, kind.works(uid));
        });
    }

    private NotFound notFound(String uid) {
        return new NotFound(kind.noun() + "-not-found", "no " + kind.noun() + " " + uid
                + " visible to you; list yours with " + kind.listCommand());
    }
}
