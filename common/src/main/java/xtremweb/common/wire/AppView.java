package xtremweb.common.wire;

import java.time.Instant;
import java.util.List;

/**
 * An app and its binaries, one per OS/CPU, and its replication policy (result certification).
 * {@code ownerLogin} is its owner's login in listings, for people to read (null elsewhere, or when unknown).
 */
public record AppView(String uid, String name, String ownerUid, String accessRights, List<AppBinary> binaries, Instant created,
                      Replication replication, String ownerLogin) {
    public AppView {
        binaries = binaries == null ? List.of() : List.copyOf(binaries);
    }

    /** An app described without its owner's login. */
    public AppView(String uid, String name, String ownerUid, String accessRights, List<AppBinary> binaries, Instant created,
                   Replication replication) {
        this(uid, name, ownerUid, accessRights, binaries, created, replication, null);
    }

    /** This app with its owner's login. */
    public AppView withOwnerLogin(String login) {
        return new AppView(uid, name, ownerUid, accessRights, binaries, created, replication, login);
    }

    /** An app listed without its replication policy. */
    public AppView(String uid, String name, String ownerUid, String accessRights, List<AppBinary> binaries, Instant created) {
        this(uid, name, ownerUid, accessRights, binaries, created, null);
    }
}
