package xtremweb.server.user;

import java.util.function.Predicate;
import xtremweb.common.wire.LoginRequest;
import xtremweb.common.wire.UserCreate;
import xtremweb.common.wire.UsergroupCreate;
import xtremweb.server.http.Router;
import xtremweb.server.refusal.Unauthenticated;

/** {@code /login}, {@code /logout}, {@code /users} and {@code /usergroups}. */
public final class UserEndpoints {
    private final Sessions sessions;
    private final UserAdmin admin;
    // Logging out with a host token revokes that host's credential (the host package does it).
    private final Predicate<String> hostLogout;

    public UserEndpoints(Sessions sessions, UserAdmin admin, Predicate<String> hostLogout) {
        this.sessions = sessions;
        this.admin = admin;
        this.hostLogout = hostLogout;
    }

    public void register(Router router) {
        router.route("POST", "/api/v1/login", ex -> ex.json(200, sessions.login(ex.body(LoginRequest.class), ex.remoteAddress())));
        router.route("POST", "/api/v1/logout", ex -> {
            String token = ex.bearerToken();
            if (!hostLogout.test(token)) {
                sessions.logout(token);
            }
            ex.noContent();
        });
        router.route("GET", "/api/v1/users/me", ex -> ex.json(200, sessions.user(ex.caller().userUid())
                .orElseThrow(() -> new Unauthenticated("your account no longer exists")).view()));
        router.route("GET", "/api/v1/users", ex -> ex.json(200, admin.views(ex.caller())));
        router.route("GET", "/api/v1/users/{uid}", ex -> ex.json(200, admin.user(ex.caller(), ex.param("uid")).view()));
        // Idempotency-Key: a repetition whose answer was lost is answered with the user it created, not 409.
        router.route("POST", "/api/v1/users", ex -> ex.json(201, admin.createUser(ex.caller(), ex.body(UserCreate.class),
                xtremweb.server.db.RequestKeys.checked(ex.header(xtremweb.server.db.RequestKeys.HEADER))).view()));
        router.route("DELETE", "/api/v1/users/{uid}", ex -> {
            admin.deleteUser(ex.caller(), ex.param("uid"));
            ex.noContent();
        });
        router.route("GET", "/api/v1/usergroups", ex -> ex.json(200, admin.groupViews(ex.caller())));
        router.route("GET", "/api/v1/usergroups/{uid}", ex -> ex.json(200, admin.group(ex.caller(), ex.param("uid")).view()));
        router.route("POST", "/api/v1/usergroups", ex -> ex.json(201, admin.createGroup(ex.caller(), ex.body(UsergroupCreate.class)).view()));
        router.route("DELETE", "/api/v1/usergroups/{uid}", ex -> {
            admin.deleteGroup(ex.caller(), ex.param("uid"));
            ex.noContent();
        });
    }
}
