package xtremweb.server.certificate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CRL;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xtremweb.common.config.ConfigException;
import xtremweb.common.x509.DistinguishedNames;

/**
 * Reads the trusted CAs and their CRLs. A directory in the grid layout holds CA certificates as
 * {@code <hash>.0} (or {@code *.pem}, {@code *.crt}) and CRLs as {@code <hash>.r0} (or
 * {@code *.crl}), PEM or DER; its other files ({@code .signing_policy}, {@code .namespaces},
 * {@code .info}, {@code .crl_url}) are left alone. A bundle is one PEM file of certificates and CRLs,
 * or a PKCS#12 file of certificates. A CRL is kept only if a listed CA with its issuer's name signed
 * it.
 */
final class AuthorityFiles {
    private static final Logger LOG = LoggerFactory.getLogger(AuthorityFiles.class);
    private static final Pattern CERTIFICATE = Pattern.compile("(?i).*\\.(\\d+|pem|crt|cer)");
    private static final Pattern REVOCATIONS = Pattern.compile("(?i).*\\.(r\\d+|crl)");

    private AuthorityFiles() {
    }

    static Authorities read(TrustSettings settings) {
        Set<X509Certificate> certificates = new LinkedHashSet<>();
        Set<X509CRL> crls = new LinkedHashSet<>();
        settings.caDirectory().ifPresent(dir -> directory(dir, certificates, crls));
        settings.caBundle().ifPresent(file -> bundle(file, settings.bundlePassword(), certificates, crls));
        List<X509Certificate> cas = new ArrayList<>();
        for (X509Certificate c : certificates) {
            if (c.getBasicConstraints() >= 0 || c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                cas.add(c);
            } else {
                LOG.warn("{} is not a CA certificate; it is not trusted for certificate logins",
                        DistinguishedNames.printable(DistinguishedNames.canonical(c.getSubjectX500Principal())));
            }
        }
        if (cas.isEmpty()) {
            throw new ConfigException("no CA certificate found in " + where(settings)
                    + "; certificate login needs the CAs that issue your users' certificates (*.0 or *.pem files)");
        }
        List<X509CRL> signed = new ArrayList<>();
        for (X509CRL crl : crls) {
            if (cas.stream().anyMatch(ca -> signs(ca, crl))) {
                signed.add(crl);
            } else {
                LOG.warn("a CRL of {} is not signed by a trusted CA of that name; it is ignored",
                        DistinguishedNames.printable(DistinguishedNames.canonical(crl.getIssuerX500Principal())));
            }
        }
        return new Authorities(cas, signed);
    }

    static String where(TrustSettings settings) {
        return Stream.concat(settings.caDirectory().map(d -> "x509.ca.dir " + d).stream(),
                settings.caBundle().map(f -> "x509.ca.bundle " + f).stream()).reduce((a, b) -> a + " and " + b).orElse("nowhere");
    }

    static boolean signs(X509Certificate ca, X509CRL crl) {
        if (!ca.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
            return false;
        }
        try {
            crl.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static void directory(Path dir, Set<X509Certificate> certificates, Set<X509CRL> crls) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException("x509.ca.dir " + dir + " is not a directory; point it at the CA certificates"
                    + " (like /etc/grid-security/certificates)");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new ConfigException("cannot list x509.ca.dir " + dir + ": " + e.getMessage(), e);
        }
        CertificateFactory factory = factory();
        for (Path file : files) {
            String name = file.getFileName().toString();
            boolean certificate = CERTIFICATE.matcher(name).matches();
            boolean revocations = REVOCATIONS.matcher(name).matches();
            if (!certificate && !revocations) {
                continue;
            }
            try (InputStream in = Files.newInputStream(file)) {
                if (certificate) {
                    factory.generateCertificates(in).forEach(c -> certificates.add((X509Certificate) c));
                } else {
                    for (CRL crl : factory.generateCRLs(in)) {
                        crls.add((X509CRL) crl);
                    }
                }
            } catch (IOException | GeneralSecurityException e) {
                // One broken file (a half-written CRL download, say) must not lock everybody out.
                LOG.warn("{} in x509.ca.dir cannot be read as a {} and is skipped: {}", file,
                        certificate ? "certificate" : "CRL", e.getMessage());
            }
        }
    }

    private static void bundle(Path file, String password, Set<X509Certificate> certificates, Set<X509CRL> crls) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read x509.ca.bundle " + file + ": " + e.getMessage(), e);
        }
        if (new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.US_ASCII).contains("-----BEGIN ")) {
            pem(file, bytes, certificates, crls);
        } else {
            pkcs12(file, bytes, password, certificates);
        }
    }

    private static void pem(Path file, byte[] bytes, Set<X509Certificate> certificates, Set<X509CRL> crls) {
        try (PEMParser parser = new PEMParser(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.US_ASCII))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof X509CertificateHolder holder) {
                    certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
                } else if (o instanceof X509CRLHolder holder) {
                    crls.add(new JcaX509CRLConverter().getCRL(holder));
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new ConfigException("cannot read x509.ca.bundle " + file + " as PEM: " + e.getMessage(), e);
        }
    }

    private static void pkcs12(Path file, byte[] bytes, String password, Set<X509Certificate> certificates) {
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            for (String alias : Collections.list(store.aliases())) {
                Certificate[] chain = store.isKeyEntry(alias) ? store.getCertificateChain(alias)
                        : new Certificate[] {store.getCertificate(alias)};
                if (chain != null) {
                    for (Certificate c : chain) {
                        if (c instanceof X509Certificate x509) {
                            certificates.add(x509);
                        }
                    }
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("cannot read x509.ca.bundle " + file + " as PEM or PKCS#12 (wrong"
                    + " x509.ca.bundle.password?): " + e.getMessage(), e);
        }
    }

    private static CertificateFactory factory() {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
