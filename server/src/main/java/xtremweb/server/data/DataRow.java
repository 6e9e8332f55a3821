package xtremweb.server.data;

import java.time.Instant;
import xtremweb.common.model.DataStatus;
import xtremweb.common.rights.AccessRights;
import xtremweb.common.wire.DataView;
import xtremweb.server.policy.Owned;

/** One row of the datas table, with the owner's user group (joined) for the access policy. */
public record DataRow(String uid, String name, String type, String os, String cpu, Long size, String sha256,
                      Long declaredSize, String declaredSha256, DataStatus status, AccessRights rights,
                      String ownerUid, String ownerGroupUid, Instant created, String externalUri, String holder) {
    /**
     * A data without a recorded holder: {@code holder} is the address ({@code https://host:port}) of
     * the server whose store took the bytes, set once they are in (several servers, local stores).
     */
    public DataRow(String uid, String name, String type, String os, String cpu, Long size, String sha256,
                   Long declaredSize, String declaredSha256, DataStatus status, AccessRights rights,
                   String ownerUid, String ownerGroupUid, Instant created, String externalUri) {
        this(uid, name, type, os, cpu, size, sha256, declaredSize, declaredSha256, status, rights, ownerUid, ownerGroupUid,
                created, externalUri, null);
    }

    /** The same data, its bytes held by the server at {@code address}. */
    public DataRow heldBy(String address) {
        return new DataRow(uid, name, type, os, cpu, size, sha256, declaredSize, declaredSha256, status, rights, ownerUid,
                ownerGroupUid, created, externalUri, address);
    }

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

    /**
     * @param uriPrefix this server's {@code xw://host:port/}; a data whose bytes another server holds
     *                  is advertised under that server's, so whoever follows the URI finds them
     */
    public DataView view(String uriPrefix) {
        String prefix = holder == null ? uriPrefix : "xw://" + java.net.URI.create(holder).getRawAuthority() + "/";
        return new DataView(uid, name, type, os, cpu, status == DataStatus.AVAILABLE ? size : declaredSize,
                status == DataStatus.AVAILABLE ? sha256 : declaredSha256, status, rights.toString(), ownerUid,
                external() ? externalUri : prefix + uid, created);
    }
}
