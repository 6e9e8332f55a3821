package xtremweb.server.user;

import java.time.Instant;
import xtremweb.common.model.UserRights;
import xtremweb.common.wire.UserView;
import xtremweb.server.policy.Caller;

/** One row of the users table; {@code dn} is the subject of the certificate that logs the user in, null when none. */
public record UserRow(String uid, String login, String passwordHash, String email, UserRights rights,
                      String usergroupUid, Instant created, String dn) {
    public UserRow(String uid, String login, String passwordHash, String email, UserRights rights, String usergroupUid,
                   Instant created) {
        this(uid, login, passwordHash, email, rights, usergroupUid, created, null);
    }

    public UserView view() {
        return new UserView(uid, login, email, rights, usergroupUid, dn);
    }

    public Caller caller() {
        return new Caller(uid, login, rights, usergroupUid, null);
    }

    @Override
    public String toString() {
        return "UserRow[uid=" + uid + ", login=" + login + ", rights=" + rights + (dn == null ? "" : ", dn=" + dn) + "]";
    }
}
