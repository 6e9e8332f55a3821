package xtremweb.server.policy;

import java.util.Optional;
import xtremweb.common.model.UserRights;

/**
 * The authenticated identity of one request: a user, or a worker host acting for its owner
 * ({@code hostUid} set). Resolved once per request.
 */
public record Caller(String userUid, String login, UserRights rights, String usergroupUid, String hostUid) {
    public Caller {
        if (userUid == null || login == null || rights == null) {
            throw new IllegalArgumentException("a caller needs a user uid, login and rights");
        }
    }

    public Optional<String> usergroup() {
        return Optional.ofNullable(usergroupUid);
    }

    public Optional<String> host() {
        return Optional.ofNullable(hostUid);
    }

    public boolean isSuperUser() {
        return rights == UserRights.SUPER_USER;
    }
}
