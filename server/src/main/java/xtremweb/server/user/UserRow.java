package xtremweb.server.user;

import java.time.Instant;
import xtremweb.common.model.UserRights;
import xtremweb.common.wire.UserView;
import xtremweb.server.policy.Caller;

/** One row of the users table. */
public record UserRow(String uid, String login, String passwordHash, String email, UserRights rights,
                      String usergroupUid, Instant created) {
    public UserView view() {
        return new UserView(uid, login, email, rights, usergroupUid);
    }

    public Caller caller() {
        return new Caller(uid, login, rights, usergroupUid, null);
    }

    @Override
    public String toString() {
        return "UserRow[uid=" + uid + ", login=" + login + ", rights=" + rights + "]";
    }
}
