package xtremweb.common.wire;

import xtremweb.common.model.UserRights;

/** A user as listed by {@code GET /api/v1/users}; never carries a password or its hash. */
public record UserView(String uid, String login, String email, UserRights rights, String usergroupUid) {
}
