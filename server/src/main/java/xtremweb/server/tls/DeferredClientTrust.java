package xtremweb.server.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS layer's trust in client certificates: it takes whatever chain a client presents and leaves
 * the decision to the certificate login, which validates the chain with the grid's rules. The JDK's
 * own PKIX trust manager would reject every proxy chain during the handshake, and a handshake
 * failure reaches the user as a broken connection that no client can explain; a refused login is a
 * 401 with a sentence. The handshake still proves that the client holds the key of its certificate.
 */
public final class DeferredClientTrust extends X509ExtendedTrustManager {
    private final Supplier<List<X509Certificate>> acceptedIssuers;

    /** {@code acceptedIssuers}: the CAs named in the certificate request (browsers offer only certificates they issued). */
    public DeferredClientTrust(Supplier<List<X509Certificate>> acceptedIssuers) {
        this.acceptedIssuers = acceptedIssuers;
    }

    private static void present(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("no client certificate");
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        present(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        present(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        present(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the server trusts no other server");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("the server trusts no other server");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("the server trusts no other server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return acceptedIssuers.get().toArray(X509Certificate[]::new);
    }
}
