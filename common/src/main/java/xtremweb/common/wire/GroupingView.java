package xtremweb.common.wire;

import java.time.Instant;

/** A session or a group of works as listed by {@code GET /api/v1/sessions} and {@code /api/v1/groups}. */
public record GroupingView(String uid, String name, String ownerUid, String accessRights, Instant created) {
}
