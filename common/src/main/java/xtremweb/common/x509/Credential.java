package xtremweb.common.x509;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A certificate chain and the private key of its first certificate: a user's or a host's
 * certificate, or a proxy followed by the certificates that issued it. It only ever leaves this
 * process as TLS client authentication (the key signs the handshake; the key itself is never sent),
 * and {@link #toString()} never shows the key.
 */
public final class Credential {
    private final List<X509Certificate> chain;
    private final PrivateKey key;

    private Credential(List<X509Certificate> chain, PrivateKey key) {
        this.chain = List.copyOf(chain);
        this.key = key;
    }

    /** A credential whose key is checked to belong to the first certificate of the chain. */
    public static Credential of(List<X509Certificate> chain, PrivateKey key) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a credential needs at least one certificate");
        }
        if (!matches(chain.get(0), key)) {
            throw new IllegalArgumentException("the private key does not belong to the certificate "
                    + DistinguishedNames.canonical(chain.get(0).getSubjectX500Principal()));
        }
        return new Credential(chain, key);
    }

    /** Signs a random text with the key and checks it with the certificate: works for RSA, EC and EdDSA alike. */
    private static boolean matches(X509Certificate certificate, PrivateKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            default -> key.getAlgorithm();
        };
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature sign = Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(challenge);
            byte[] signature = sign.sign();
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(certificate.getPublicKey());
            verify.update(challenge);
            return verify.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    public List<X509Certificate> chain() {
        return chain;
    }

    /** The first certificate: the one whose key this credential holds (a proxy, or the user's own). */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The end-entity certificate: the first of the chain that is not a proxy (the user or host it stands for). */
    public X509Certificate endEntity() {
        return chain.stream().filter(c -> !ProxyType.of(c).isProxy()).findFirst().orElse(chain.get(chain.size() - 1));
    }

    /** Whom this credential identifies: the end-entity certificate's subject, in the canonical slash form. */
    public String identity() {
        return DistinguishedNames.canonical(endEntity().getSubjectX500Principal());
    }

    /** Whether the first certificate is a proxy. */
    public boolean isProxy() {
        return ProxyType.of(certificate()).isProxy();
    }

    /** When the first certificate of the chain that expires does (a proxy usually, after 12 hours). */
    public Instant notAfter() {
        return chain.stream().map(c -> c.getNotAfter().toInstant()).min(Instant::compareTo).orElseThrow();
    }

    /** The key manager that offers this credential to every server asking for a client certificate. */
    public X509ExtendedKeyManager keyManager() {
        return new CredentialKeyManager(chain, key);
    }

    @Override
    public String toString() {
        return "Credential[" + identity() + (isProxy() ? " (proxy)" : "") + ", until " + notAfter() + ", key=***]";
    }
}
