package xtremweb.server.certificate;

import static xtremweb.server.certificate.InvalidChain.Reason.BAD_PROXY;
import static xtremweb.server.certificate.InvalidChain.Reason.BAD_USAGE;
import static xtremweb.server.certificate.InvalidChain.Reason.FORGED;
import static xtremweb.server.certificate.InvalidChain.Reason.NO_CRL;
import static xtremweb.server.certificate.InvalidChain.Reason.REVOKED;
import static xtremweb.server.certificate.InvalidChain.Reason.UNTRUSTED;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.Certificate;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import xtremweb.common.x509.DistinguishedNames;
import xtremweb.common.x509.ProxyType;

/**
 * Validates the chain a client presented on its TLS connection. The end-entity certificate (the
 * first that is not a proxy) must lead to a trusted CA by PKIX path validation (signatures,
 * validity, CA constraints, the JDK's algorithm constraints), be valid for client authentication
 * and not be revoked by the current CRL of any CA on its path; the proxies above it follow
 * {@link ProxyChecks}. The TLS handshake already proved that the client holds the key of the first
 * certificate. Each failure is one sentence naming the certificate and what to do.
 */
final class ChainValidator {
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_USAGE = "2.5.29.37.0";
    private final AuthorityStore store;

    ChainValidator(AuthorityStore store) {
        this.store = store;
    }

    ValidatedChain validate(List<X509Certificate> chain, Instant now) throws InvalidChain {
        Authorities trusted = store.current().orElseThrow(() -> new IllegalStateException("certificate login is off"));
        int proxies = 0;
        while (proxies < chain.size() && ProxyType.of(chain.get(proxies)).isProxy()) {
            proxies++;
        }
        if (proxies == chain.size()) {
            throw new InvalidChain(BAD_PROXY, "the chain holds only proxies; send the certificate they were made from with them"
                    + " (a proxy file made by grid-proxy-init holds it)");
        }
        X509Certificate user = chain.get(proxies);
        String name = ProxyChecks.name(user);
        ProxyChecks.validity(user, name, now);
        usage(user, name);
        List<X509Certificate> path = path(trusted, user, chain.subList(proxies + 1, chain.size()), name, now);
        revocation(trusted, path, now);
        ProxyChecks.check(chain, proxies, now);
        Instant notAfter = chain.subList(0, proxies + 1).stream().map(c -> c.getNotAfter().toInstant())
                .min(Instant::compareTo).orElseThrow();
        return new ValidatedChain(DistinguishedNames.canonical(user.getSubjectX500Principal()), notAfter, proxies);
    }

    private static void usage(X509Certificate user, String name) throws InvalidChain {
        if (user.getBasicConstraints() >= 0) {
            throw new InvalidChain(BAD_USAGE, "the certificate " + name + " is a CA certificate; log in with a user's or a"
                    + " host's certificate");
        }
        boolean[] keyUsage = user.getKeyUsage();
        if (keyUsage != null && !keyUsage[0]) {
            throw new InvalidChain(BAD_USAGE, "the certificate " + name + " may not sign (its key usage lacks digitalSignature),"
                    + " so it cannot log in");
        }
        try {
            List<String> extended = user.getExtendedKeyUsage();
            if (extended != null && !extended.contains(CLIENT_AUTH) && !extended.contains(ANY_USAGE)) {
                throw new InvalidChain(BAD_USAGE, "the certificate " + name + " is not meant for client authentication (its"
                        + " extended key usage lacks clientAuth)");
            }
        } catch (java.security.cert.CertificateParsingException e) {
            throw new InvalidChain(BAD_USAGE, "the extended key usage of the certificate " + name + " cannot be read");
        }
    }

    /** The PKIX path from the end-entity certificate to a trusted CA: [user, intermediates..., the anchor's certificate]. */
    private static List<X509Certificate> path(Authorities trusted, X509Certificate user, List<X509Certificate> sent, String name,
                                              Instant now) throws InvalidChain {
        // Said precisely first, as PKIX would only answer "no path": an unknown CA, a forged signature.
        List<X509Certificate> issuers = Stream.concat(trusted.cas().stream(), sent.stream())
                .filter(c -> c.getSubjectX500Principal().equals(user.getIssuerX500Principal())).toList();
        if (issuers.isEmpty()) {
            throw new InvalidChain(UNTRUSTED, "the certificate " + name + " is issued by "
                    + ProxyChecks.name(user.getIssuerX500Principal()) + ", a CA this server does not trust; ask its operator"
                    + " to add that CA (x509.ca.dir)");
        }
        if (issuers.stream().noneMatch(issuer -> signedBy(user, issuer))) {
            throw new InvalidChain(FORGED, "the signature of the certificate " + name + " does not verify with the key of its"
                    + " CA " + ProxyChecks.name(user.getIssuerX500Principal()) + ": the certificate is forged or damaged");
        }
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(user);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(trusted.anchors(), target);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            parameters.addCertStore(trusted.pathCertificates(sent));
            PKIXCertPathBuilderResult result = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters);
            List<X509Certificate> path = new ArrayList<>();
            for (Certificate c : result.getCertPath().getCertificates()) {
                path.add((X509Certificate) c);
            }
            path.add(result.getTrustAnchor().getTrustedCert());
            return path;
        } catch (CertPathBuilderException e) {
            throw new InvalidChain(UNTRUSTED, "the certificate " + name + " does not lead to a trusted CA ("
                    + DistinguishedNames.printable(String.valueOf(rootCause(e).getMessage())) + ")");
        } catch (InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("no trust anchor", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PKIX is not available in this JVM", e);
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Each certificate of the path but the anchor against its issuer's CRLs (those its issuer signed). */
    private void revocation(Authorities trusted, List<X509Certificate> path, Instant now) throws InvalidChain {
        boolean required = store.settings().crlRequired();
        for (int i = 0; i < path.size() - 1; i++) {
            X509Certificate certificate = path.get(i);
            X509Certificate issuer = path.get(i + 1);
            String ca = ProxyChecks.name(issuer);
            List<X509CRL> crls = trusted.crlsOf(issuer.getSubjectX500Principal()).stream()
                    .filter(crl -> AuthorityFiles.signs(issuer, crl)).toList();
            if (crls.isEmpty()) {
                if (required) {
                    throw new InvalidChain(NO_CRL, "the server has no CRL of the CA " + ca + " (x509.crl.required=true), so it"
                            + " cannot tell whether " + ProxyChecks.name(certificate) + " is revoked; its operator must fetch"
                            + " that CA's CRL (fetch-crl)");
                }
                continue;
            }
            for (X509CRL crl : crls) {
                X509CRLEntry entry = crl.getRevokedCertificate(certificate);
                if (entry != null) {
                    throw new InvalidChain(REVOKED, "the certificate " + ProxyChecks.name(certificate) + " (serial 0x"
                            + certificate.getSerialNumber().toString(16) + ") was revoked by its CA " + ca + " on "
                            + entry.getRevocationDate().toInstant() + "; ask your CA for a new one");
                }
            }
            boolean current = crls.stream().anyMatch(crl -> crl.getNextUpdate() == null || crl.getNextUpdate().toInstant().isAfter(now));
            if (required && !current) {
                throw new InvalidChain(NO_CRL, "the CRL of the CA " + ca + " is out of date (x509.crl.required=true); the"
                        + " server's operator must refresh it (fetch-crl)");
            }
        }
    }
}
