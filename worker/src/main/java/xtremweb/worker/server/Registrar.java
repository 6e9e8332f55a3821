package xtremweb.worker.server;

import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.wire.HostCredential;
import xtremweb.common.wire.HostRegistration;
import xtremweb.common.wire.LoginRequest;
import xtremweb.common.wire.TokenResponse;

/**
 * How the worker gets its host credential: with its account's login and password (the default),
 * or, for a pilot job, with the grant its bridge handed it. {@code http} carries no token of its own;
 * failures are the HTTP client's exceptions.
 */
@FunctionalInterface
public interface Registrar {
    /** @throws Refused when the server refuses the identity itself for good: retrying cannot help */
    HostCredential register(XwHttpClient http, HostRegistration host);

    /** The server refused the identity (the account's login, a pilot's grant), as opposed to one registration. */
    final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Refused(XwApiException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Logs in with the account, registers the host with the account's token, then forgets that token. */
    static Registrar account(String login, String password) {
        return (http, host) -> {
            TokenResponse token;
            try {
                token = http.post("/api/v1/login", new LoginRequest(login, password), TokenResponse.class);
            } catch (XwApiException e) {
                // 401 is a wrong login or password (the server does not say which); 429, 5xx pass.
                if (e.status() == 401) {
                    throw new Refused(e);
                }
                throw e;
            }
            http.token(token.token());
            try {
                return http.post("/api/v1/worker/register", host, HostCredential.class);
            } finally {
                http.token(null);
            }
        };
    }
}
