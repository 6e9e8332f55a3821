package xtremweb.common.wire;

import java.time.Instant;

/**
 * A user group as listed by {@code GET /api/v1/usergroups}. {@code ownerLogin} is the login of the
 * user who created it, in listings (null elsewhere, or when unknown).
 */
public record UsergroupView(String uid, String label, String ownerUid, Instant created, String ownerLogin) {
    /** A user group described without its owner's login. */
    public UsergroupView(String uid, String label, String ownerUid, Instant created) {
        this(uid, label, ownerUid, created, null);
    }

    /** This user group with its owner's login. */
    public UsergroupView withOwnerLogin(String login) {
        return new UsergroupView(uid, label, ownerUid, created, login);
    }
}
