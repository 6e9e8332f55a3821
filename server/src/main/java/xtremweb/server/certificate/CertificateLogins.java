package xtremweb.server.certificate;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xtremweb.common.wire.TokenResponse;
import xtremweb.common.x509.DistinguishedNames;
import xtremweb.server.db.Jdbc;
import xtremweb.server.metrics.GridMetrics;
import xtremweb.server.refusal.Forbidden;
import xtremweb.server.refusal.Unauthenticated;
import xtremweb.server.user.Sessions;
import xtremweb.server.user.UserRepository;
import xtremweb.server.user.UserRow;

/**
 * {@code POST /api/v1/login/certificate}: logs in the user whose DN is the subject of the
 * certificate the client presented on this very TLS connection (never one named in the request),
 * once the whole chain is validated. The token expires with the chain. The log names the DN and
 * the reason of a refusal; a certificate holds no secret, and the client's key never reaches the
 * server.
 */
public final class CertificateLogins {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateLogins.class);
    private final AuthorityStore authorities;
    private final ChainValidator validator;
    private final Jdbc jdbc;
    private final UserRepository users;
    private final Sessions sessions;
    private final Clock clock;
    private final GridMetrics metrics;

    public CertificateLogins(AuthorityStore authorities, Jdbc jdbc, UserRepository users, Sessions sessions, Clock clock,
                             GridMetrics metrics) {
        this.authorities = authorities;
        this.validator = new ChainValidator(authorities);
        this.jdbc = jdbc;
        this.users = users;
        this.sessions = sessions;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** {@code chain}: what the client presented in its TLS handshake, its own certificate first; empty when none. */
    public TokenResponse login(List<X509Certificate> chain, String address) {
        if (!authorities.enabled()) {
            throw new Unauthenticated("certificate-login-disabled", "this server does not take certificate logins (its operator"
                    + " has not set x509.ca.dir or x509.ca.bundle); log in with a login and password");
        }
        if (chain.isEmpty()) {
            metrics.certificateLogin("missing");
            throw new Unauthenticated("certificate-missing", "this connection presented no client certificate; give one"
                    + " (--xwcert FILE --xwkey FILE, or a proxy with --xwproxy)");
        }
        ValidatedChain valid;
        try {
            valid = validator.validate(chain, clock.instant());
        } catch (InvalidChain e) {
            metrics.certificateLogin(e.reason().tag());
            LOG.info("certificate login refused from {} ({}): {}", address, e.reason().tag(), e.getMessage());
            if (e.reason() == InvalidChain.Reason.LIMITED_PROXY) {
                throw new Forbidden("limited-proxy", e.getMessage());
            }
            throw new Unauthenticated("certificate-invalid", e.getMessage());
        }
        String dn = DistinguishedNames.printable(valid.identity());
        Optional<UserRow> user = jdbc.tx("find user by DN", c -> users.byDn(c, valid.identity()));
        if (user.isEmpty()) {
            metrics.certificateLogin("not-registered");
            LOG.info("certificate login refused from {}: no user has the DN {}", address, dn);
            throw new Forbidden("certificate-not-registered", "the certificate of " + dn + " is valid, but no user of this server"
                    + " has this DN; ask an administrator to register it (xwsenduser ... --xwdn \"" + dn + "\")");
        }
        TokenResponse token = sessions.issue(user.get(), valid.notAfter());
        metrics.certificateLogin("accepted");
        LOG.info("certificate login of {} as '{}' from {} ({} prox{}, token until {})", dn, user.get().login(), address,
                valid.proxies(), valid.proxies() == 1 ? "y" : "ies", token.expires());
        return token;
    }
}
