package xtremweb.server.tls;

import java.security.KeyStore;
import java.security.cert.CRL;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Jetty's TLS for a server that takes certificate logins: it asks every client for a certificate
 * without requiring one (password logins, workers, browsers and curl go on without), and hands the
 * presented chain to {@link DeferredClientTrust}, so the login, not the handshake, decides.
 */
public final class ClientCertificateTls extends SslContextFactory.Server {
    private final DeferredClientTrust trust;

    public ClientCertificateTls(DeferredClientTrust trust) {
        this.trust = trust;
        setWantClientAuth(true);
        setNeedClientAuth(false);
    }

    @Override
    protected TrustManager[] getTrustManagers(KeyStore trustStore, Collection<? extends CRL> crls) {
        return new TrustManager[] {trust};
    }
}
