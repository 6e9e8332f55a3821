package xtremweb.server.data;

import java.time.Instant;
import xtremweb.common.model.DataStatus;
import xtremweb.common.rights.AccessRights;
import xtremweb.common.wire.DataView;
import xtremweb.server.policy.Owned;

/** One row of the datas table, with the owner's user group (joined) for the access policy. */
public record DataRow(String uid, String name, String type, String os, String cpu, Long size, String sha256,
                      Long declaredSize, String declaredSha256, DataStatus status, AccessRights rights,
                      String ownerUid, String ownerGroupUid, Instant created, String externalUri) {
    /** A data whose bytes the server holds. */
    public DataRow(String uid, String name, String type, String os, String cpu, Long size, String sha256,
                   Long declaredSize, String declaredSha256, DataStatus status, AccessRights rights,
                   String ownerUid, String ownerGroupUid, Instant created) {
        this(uid, name, type, os, cpu, size, sha256, declaredSize, declaredSha256, status, rights, ownerUid, ownerGroupUid,
                created, null);
    }

    /** Whether the bytes live elsewhere (http/https) rather than on this server. */
    public boolean external() {
        return externalUri != null;
    }

    public Owned owned() {
        return new Owned(ownerUid, ownerGroupUid, rights);
    }

    public DataView view(String uriPrefix) {
        return new DataView(uid, name, type, os, cpu, status == DataStatus.AVAILABLE ? size : declaredSize,
                status == DataStatus.AVAILABLE ? sha256 : declaredSha256, status, rights.toString(), ownerUid,
                external() ? externalUri : uriPrefix + uid, created);
    }
}
