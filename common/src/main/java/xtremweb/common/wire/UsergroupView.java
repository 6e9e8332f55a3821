package xtremweb.common.wire;

import java.time.Instant;

/** A user group as listed by {@code GET /api/v1/usergroups}. */
public record UsergroupView(String uid, String label, String ownerUid, Instant created) {
}
