package xtremweb.server.data;

import java.time.Instant;
import xtremweb.common.model.DataStatus;
import xtremweb.common.rights.AccessRights;
import xtremweb.common.wire.DataView;
import xtremweb.server.policy.Owned;

/** One row of the datas table, with the owner's user group (joined) for the access policy. */
public record DataRow(String uid, String name, String type, String os, String cpu, Long size, String sha256,
                      Long declaredSize, String declaredSha256, DataStatus status, AccessRights rights,
                      String ownerUid, String ownerGroupUid, Instant created) {
    public Owned owned() {
        return new Owned(ownerUid, ownerGroupUid, rights);
    }

    public DataView view(String uriPrefix) {
        return new DataView(uid, name, type, os, cpu, status == DataStatus.AVAILABLE ? size : declaredSize,
                status == DataStatus.AVAILABLE ? sha256 : declaredSha256, status, rights.toString(), ownerUid,
                uriPrefix + uid, created);
    }
}
