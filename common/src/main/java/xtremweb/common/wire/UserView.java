package xtremweb.common.wire;

import xtremweb.common.model.UserRights;

/**
 * A user as listed by {@code GET /api/v1/users}; never carries a password or its hash. {@code dn}
 * is the subject of the certificate that logs this user in (canonical slash form), null when none.
 */
public record UserView(String uid, String login, String email, UserRights rights, String usergroupUid, String dn) {
    public UserView(String uid, String login, String email, UserRights rights, String usergroupUid) {
        this(uid, login, email, rights, usergroupUid, null);
    }
}
