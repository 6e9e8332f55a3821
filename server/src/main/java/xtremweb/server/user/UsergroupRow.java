package xtremweb.server.user;

import java.time.Instant;
import xtremweb.common.wire.UsergroupView;

/** One row of the usergroups table. */
public record UsergroupRow(String uid, String label, String ownerUid, Instant created) {
    public UsergroupView view() {
        return new UsergroupView(uid, label, ownerUid, created);
    }
}
