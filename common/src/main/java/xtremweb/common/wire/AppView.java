package xtremweb.common.wire;

import java.time.Instant;
import java.util.List;

/** An app and its binaries, one per OS/CPU, and its replication policy (result certification). */
public record AppView(String uid, String name, String ownerUid, String accessRights, List<AppBinary> binaries, Instant created,
                      Replication replication) {
    public AppView {
        binaries = binaries == null ? List.of() : List.copyOf(binaries);
    }

    /** An app listed without its replication policy. */
    public AppView(String uid, String name, String ownerUid, String accessRights, List<AppBinary> binaries, Instant created) {
        this(uid, name, ownerUid, accessRights, binaries, created, null);
    }
}
