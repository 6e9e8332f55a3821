package xtremweb.common.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly the deployment's server certificate(s), read from a PEM file, and nothing else.
 *
 * <p>Why pinning instead of a CA: a volunteer grid's server usually has a self-signed certificate;
 * comparing the presented certificate byte for byte with the pinned one is stronger than a CA chain
 * plus a host-name check, and it keeps working when workers reach the server by IP address.
 */
public final class PinnedTrust {
    private PinnedTrust() {
    }

    public static List<X509Certificate> readPem(Path pemFile) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certs = new ArrayList<>();
            factory.generateCertificates(in).forEach(c -> certs.add((X509Certificate) c));
            if (certs.isEmpty()) {
                throw new IllegalArgumentException("no certificate in " + pemFile);
            }
            return certs;
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("cannot read the pinned server certificate " + pemFile + ": " + e.getMessage(), e);
        }
    }

    /** An SSL context for TLS 1.2/1.3 that accepts only the given certificates as the server's. */
    public static SSLContext sslContext(List<X509Certificate> pinned) {
        return sslContext(pinned, null);
    }

    /**
     * The same, offering {@code clientKeys} (a user's or host's certificate) when the server asks
     * for a client certificate; null offers none.
     */
    public static SSLContext sslContext(List<X509Certificate> pinned, KeyManager clientKeys) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(clientKeys == null ? null : new KeyManager[] {clientKeys}, new TrustManager[] {new PinnedTrustManager(pinned)},
                    null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JVM", e);
        }
    }

    /** SHA-256 fingerprint, as {@code AB:CD:...}, for messages and logs. */
    public static String fingerprint(X509Certificate cert) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class PinnedTrustManager extends X509ExtendedTrustManager {
        private final List<X509Certificate> pinned;

        PinnedTrustManager(List<X509Certificate> pinned) {
            this.pinned = List.copyOf(pinned);
        }

        private void check(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the server presented no certificate");
            }
            X509Certificate leaf = chain[0];
            for (X509Certificate candidate : pinned) {
                if (candidate.equals(leaf)) {
                    leaf.checkValidity();
                    return;
                }
            }
            throw new CertificateException("the server's certificate (SHA-256 " + fingerprint(leaf)
                    + ") is not the pinned one (SHA-256 " + fingerprint(pinned.get(0)) + ")");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("this trust manager only checks servers");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("this trust manager only checks servers");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("this trust manager only checks servers");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return pinned.toArray(X509Certificate[]::new);
        }
    }
}
