package xtremweb.worker.server;

import xtremweb.common.http.XwHttpClient;
import xtremweb.common.wire.HostCredential;
import xtremweb.common.wire.HostRegistration;

/**
 * How the worker gets its host credential: with its account's login and password (the default),
 * or, for a pilot job, with the grant its bridge handed it. {@code http} carries no token of its own;
 * failures are the HTTP client's exceptions.
 */
@FunctionalInterface
public interface Registrar {
    HostCredential register(XwHttpClient http, HostRegistration host);

    /** Logs in with the account, registers the host with the account's token, then forgets that token. */
    static Registrar account(String login, String password) {
        return (http, host) -> {
            xtremweb.common.wire.TokenResponse token = http.post("/api/v1/login",
                    new xtremweb.common.wire.LoginRequest(login, password), xtremweb.common.wire.TokenResponse.class);
            http.token(token.token());
            try {
                return http.post("/api/v1/worker/register", host, HostCredential.class);
            } finally {
                http.token(null);
            }
        };
    }
}
