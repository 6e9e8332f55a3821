package xtremweb.server.user;

import xtremweb.common.wire.LoginRequest;
import xtremweb.server.http.ApiException;
import xtremweb.server.http.Router;

/** {@code POST /login} and {@code GET /users/me}. */
public final class UserEndpoints {
    private final Sessions sessions;

    public UserEndpoints(Sessions sessions) {
        this.sessions = sessions;
    }

    public void register(Router router) {
        router.route("POST", "/api/v1/login", ex -> ex.json(200, sessions.login(ex.body(LoginRequest.class))));
        router.route("GET", "/api/v1/users/me", ex -> ex.json(200, sessions.user(ex.caller().userUid())
                .orElseThrow(() -> ApiException.unauthenticated("your account no longer exists")).view()));
    }
}
