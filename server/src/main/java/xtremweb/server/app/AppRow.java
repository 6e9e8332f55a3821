package xtremweb.server.app;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import xtremweb.common.rights.AccessRights;
import xtremweb.common.wire.AppBinary;
import xtremweb.common.wire.AppView;
import xtremweb.server.certification.ReplicationPolicy;
import xtremweb.server.policy.Owned;

/**
 * An app with its binaries, the owner's user group (joined) for the access policy, and the
 * replication policy its works start from.
 */
public record AppRow(String uid, String name, String ownerUid, String ownerGroupUid, AccessRights rights,
                     Instant created, List<AppBinary> binaries, ReplicationPolicy replication) {
    public AppRow {
        binaries = List.copyOf(binaries);
        replication = replication == null ? ReplicationPolicy.SINGLE : replication;
    }

    /** An app whose works are computed once. */
    public AppRow(String uid, String name, String ownerUid, String ownerGroupUid, AccessRights rights,
                  Instant created, List<AppBinary> binaries) {
        this(uid, name, ownerUid, ownerGroupUid, rights, created, binaries, ReplicationPolicy.SINGLE);
    }

    public Owned owned() {
        return new Owned(ownerUid, ownerGroupUid, rights);
    }

    public Optional<AppBinary> binaryFor(String os, String cpu) {
        return binaries.stream().filter(b -> b.os().equals(os) && b.cpu().equals(cpu)).findFirst();
    }

    public AppView view() {
        return new AppView(uid, name, ownerUid, rights.toString(), binaries, created, replication.view());
    }
}
