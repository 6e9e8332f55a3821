package xtremweb.server.certificate;

import xtremweb.server.http.Router;

/** {@code POST /api/v1/login/certificate}: a token for the certificate of the caller's TLS connection. */
public final class CertificateEndpoints {
    private final CertificateLogins logins;

    public CertificateEndpoints(CertificateLogins logins) {
        this.logins = logins;
    }

    public void register(Router router) {
        // The body, if any, is not read: the identity comes from the TLS handshake alone.
        router.route("POST", "/api/v1/login/certificate", ex -> ex.json(200, logins.login(ex.peerCertificates(), ex.remoteAddress())));
    }
}
