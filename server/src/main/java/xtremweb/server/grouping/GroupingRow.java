package xtremweb.server.grouping;

import java.time.Instant;
import xtremweb.common.rights.AccessRights;
import xtremweb.common.wire.GroupingView;
import xtremweb.server.policy.Owned;

/** One row of the sessions or workgroups table, with the owner's user group (joined). */
record GroupingRow(String uid, String name, String ownerUid, String ownerGroupUid, AccessRights rights, Instant created,
                   boolean deleted) {
    Owned owned() {
        return new Owned(ownerUid, ownerGroupUid, rights);
    }

    GroupingView view() {
        return new GroupingView(uid, name, ownerUid, rights.toString(), created);
    }
}
