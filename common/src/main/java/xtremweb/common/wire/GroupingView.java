package xtremweb.common.wire;

import java.time.Instant;

/**
 * A session or a group of works as listed by {@code GET /api/v1/sessions} and {@code /api/v1/groups}.
 * {@code ownerLogin} is its owner's login in listings, for people to read (null elsewhere, or when unknown).
 */
public record GroupingView(String uid, String name, String ownerUid, String accessRights, Instant created, String ownerLogin) {
    /** A session or group described without its owner's login. */
    public GroupingView(String uid, String name, String ownerUid, String accessRights, Instant created) {
        this(uid, name, ownerUid, accessRights, created, null);
    }

    /** This session or group with its owner's login. */
    public GroupingView withOwnerLogin(String login) {
        return new GroupingView(uid, name, ownerUid, accessRights, created, login);
    }
}
