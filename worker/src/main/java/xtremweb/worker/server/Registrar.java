package xtremweb.worker.server;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.wire.HostCredential;
import xtremweb.common.wire.HostRegistration;
import xtremweb.common.wire.LoginRequest;
import xtremweb.common.wire.TokenResponse;
import xtremweb.common.x509.Credential;

/**
 * How the worker gets its host credential: with its account's login and password (the default),
 * with a host certificate, or, for a pilot job, with the grant its bridge handed it. {@code http} carries no token of its own;
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

    /**
     * Logs in with a host certificate, which the server maps to the account registered with its DN,
     * then registers the host. {@code certificate} is read at each log-in, so a renewed certificate or
     * a fresh proxy is taken without a restart; the key signs the TLS handshake and never leaves.
     * A certificate the server refuses (401: expired, revoked, untrusted; 403: a DN of no account)
     * is refused for good.
     */
    static Registrar certificate(List<URI> servers, List<X509Certificate> pinned, Supplier<Credential> certificate) {
        return (unused, host) -> {
            XwHttpClient http = new XwHttpClient(servers, pinned, certificate.get());
            TokenResponse token;
            try {
                // No body: the server takes the identity from the TLS handshake alone.
                token = http.post("/api/v1/login/certificate", Map.of(), TokenResponse.class);
            } catch (XwApiException e) {
                if (e.status() == 401 || e.status() == 403) {
                    throw new Refused(e);
                }
                throw e;
            }
            http.token(token.token());
            return http.post("/api/v1/worker/register", host, HostCredential.class);
        };
    }
}
