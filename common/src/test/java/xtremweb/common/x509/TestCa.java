package xtremweb.common.x509;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certification authority for tests, made with Bouncy Castle: roots, intermediates,
 * user and host certificates (valid, expired, not yet valid), RFC 3820 and legacy proxies of them,
 * CRLs, and PEM files written the way grid tools write them.
 */
public final class TestCa {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final X500Name name;
    private final KeyPair keys;
    private final X509Certificate certificate;
    private final List<X509Certificate> chain;
    private final List<BigInteger> revoked = new ArrayList<>();

    private TestCa(X500Name name, KeyPair keys, X509Certificate certificate, List<X509Certificate> chain) {
        this.name = name;
        this.keys = keys;
        this.certificate = certificate;
        this.chain = chain;
    }

    /** A self-signed root CA named {@code dn} (slash form). */
    public static TestCa root(String dn) {
        KeyPair keys = ec();
        X500Name name = x500(dn);
        X509Certificate cert = build(name, keys, name, keys, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(3650)),
                b -> {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                });
        return new TestCa(name, keys, cert, List.of(cert));
    }

    /** A CA of the same name as this one, with a key of its own: what it issues carries a forged signature. */
    public TestCa impostor() {
        return root(dn());
    }

    /** An intermediate CA issued by this one. */
    public TestCa intermediate(String dn) {
        KeyPair sub = ec();
        X500Name subName = x500(dn);
        X509Certificate cert = build(subName, sub, name, keys, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(1000)),
                b -> {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                });
        List<X509Certificate> subChain = new ArrayList<>();
        subChain.add(cert);
        subChain.addAll(chain);
        return new TestCa(subName, sub, cert, subChain);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public String dn() {
        return DistinguishedNames.canonical(certificate.getSubjectX500Principal());
    }

    /** A user certificate valid from yesterday for a year, for client authentication. */
    public Issued user(String dn) {
        return issue(dn, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365)), false);
    }

    /** The same with an RSA key, as most grid CAs issue. */
    public Issued rsaUser(String dn) {
        return issue(dn, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365)), true);
    }

    /** A user certificate that expired yesterday. */
    public Issued expiredUser(String dn) {
        return issue(dn, Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1)), false);
    }

    public Issued issue(String dn, Instant from, Instant until, boolean rsa) {
        KeyPair user = rsa ? rsa() : ec();
        X509Certificate cert = build(x500(dn), user, name, keys, from, until, b -> {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_emailProtection}));
        });
        List<X509Certificate> userChain = new ArrayList<>();
        userChain.add(cert);
        userChain.addAll(chain.subList(0, chain.size() - 1)); // intermediates, not the root: as grid tools send them
        return new Issued(cert, user, userChain);
    }

    /** Revokes the certificate: the next {@link #crl()} lists it. */
    public void revoke(Issued issued) {
        revoked.add(issued.certificate().getSerialNumber());
    }

    /** A CRL of this CA, current for a week, listing what was revoked. */
    public X509CRL crl() {
        return crl(Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(7)));
    }

    public X509CRL crl(Instant thisUpdate, Instant nextUpdate) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(name, Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            for (BigInteger serial : revoked) {
                builder.addCRLEntry(serial, Date.from(thisUpdate), CRLReason.keyCompromise);
            }
            X509CRLHolder holder = builder.build(signer(keys));
            return new JcaX509CRLConverter().getCRL(holder);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes this CA in the grid layout: {@code <name>.0} (certificate) and {@code <name>.r0} (CRL). */
    public void writeTo(Path directory, String fileName) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(fileName + ".0"), pem(certificate));
        Files.writeString(directory.resolve(fileName + ".r0"), pem(crl()));
        Files.writeString(directory.resolve(fileName + ".signing_policy"), "access_id_CA X509 '" + dn() + "'\n");
    }

    /** A certificate with its key and the chain a client sends (its CA's intermediates, not the root). */
    public record Issued(X509Certificate certificate, KeyPair keys, List<X509Certificate> chain) {
        public String dn() {
            return DistinguishedNames.canonical(certificate.getSubjectX500Principal());
        }

        public Credential credential() {
            return Credential.of(chain, keys.getPrivate());
        }

        /** An RFC 3820 proxy (inheritAll, no path length limit) valid for 12 hours. */
        public Issued proxy() {
            return proxy(ProxyKind.RFC3820, null, "1.3.6.1.5.5.7.21.1", Instant.now().plus(Duration.ofHours(12)));
        }

        /** A proxy of the given kind and policy (an OID; ignored for legacy proxies), valid until {@code until}. */
        public Issued proxy(ProxyKind kind, Integer pathLength, String policy, Instant until) {
            KeyPair proxyKeys = ec();
            X500Name issuer = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
            String cn = switch (kind) {
                case RFC3820 -> String.valueOf(Math.abs(RANDOM.nextInt()));
                case LEGACY -> "proxy";
                case LEGACY_LIMITED -> "limited proxy";
            };
            RDN[] rdns = Arrays.copyOf(issuer.getRDNs(), issuer.getRDNs().length + 1);
            rdns[rdns.length - 1] = new RDN(BCStyle.CN, new org.bouncycastle.asn1.DERUTF8String(cn));
            X509Certificate cert = build(new X500Name(rdns), proxyKeys, issuer, keys, Instant.now().minus(Duration.ofMinutes(5)), until, b -> {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                if (kind == ProxyKind.RFC3820) {
                    ASN1EncodableVector info = new ASN1EncodableVector();
                    if (pathLength != null) {
                        info.add(new ASN1Integer(pathLength));
                    }
                    info.add(new DERSequence(new ASN1ObjectIdentifier(policy)));
                    b.addExtension(new ASN1ObjectIdentifier(ProxyType.PROXY_CERT_INFO_OID), true, new DERSequence(info));
                }
            });
            List<X509Certificate> proxyChain = new ArrayList<>();
            proxyChain.add(cert);
            proxyChain.addAll(chain);
            return new Issued(cert, proxyKeys, proxyChain);
        }

        /** Writes the certificate (with its chain) and the key as two PEM files, the key unencrypted and mode 0600. */
        public void writePem(Path certFile, Path keyFile) throws IOException {
            Files.writeString(certFile, pemAll(chain));
            writePrivate(keyFile, pkcs8(keys.getPrivate()));
        }

        /** Writes the key encrypted with {@code passphrase} the way OpenSSL did for years (DES-EDE3-CBC, as grid-cert-request). */
        public void writeEncryptedKey(Path keyFile, char[] passphrase) throws IOException {
            StringWriter out = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
                writer.writeObject(keys.getPrivate(), new JcePEMEncryptorBuilder("DES-EDE3-CBC")
                        .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).build(passphrase));
            }
            writePrivate(keyFile, out.toString());
        }

        /** Writes a proxy file as grid-proxy-init does: the proxy, its key, then the rest of the chain; mode 0600. */
        public void writeProxyFile(Path file) throws IOException {
            writePrivate(file, pem(certificate) + pkcs8(keys.getPrivate()) + pemAll(chain.subList(1, chain.size())));
        }
    }

    public enum ProxyKind {
        RFC3820, LEGACY, LEGACY_LIMITED
    }

    private static void writePrivate(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }

    public static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** A private key as PEM "PRIVATE KEY" (PKCS#8, unencrypted), as OpenSSL 1.1+ and voms-proxy-init write it. */
    public static String pkcs8(java.security.PrivateKey key) {
        try {
            return pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null).generate());
        } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pemAll(List<X509Certificate> certificates) {
        StringBuilder text = new StringBuilder();
        certificates.forEach(c -> text.append(pem(c)));
        return text.toString();
    }

    @FunctionalInterface
    private interface Extensions {
        void add(X509v3CertificateBuilder builder) throws IOException;
    }

    private static X509Certificate build(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys, Instant from,
                                         Instant until, Extensions extensions) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).add(BigInteger.ONE),
                    Date.from(from), Date.from(until), subject, subjectKeys.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKeys.getPublic()));
            extensions.add(builder);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer(issuerKeys)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ContentSigner signer(KeyPair keys) {
        try {
            String algorithm = keys.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return new JcaContentSignerBuilder(algorithm).build(keys.getPrivate());
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X500Name x500(String dn) {
        return X500Name.getInstance(DistinguishedNames.principal(dn).getEncoded());
    }

    private static KeyPair ec() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
