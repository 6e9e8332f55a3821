package xtremweb.server.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xtremweb.common.config.ConfigException;
import xtremweb.server.user.FirstStart;
import xtremweb.server.user.Secrets;

/**
 * The server's PKCS#12 keystore. Created on first start with an EC P-256 key and a ten-year
 * self-signed certificate; its certificate is exported as {@code xwserver.pem} beside it, the
 * file workers and clients pin.
 */
public final class ServerKeystore {
    private static final Logger LOG = LoggerFactory.getLogger(ServerKeystore.class);
    public static final String ALIAS = "xwserver";
    public static final String PEM_NAME = "xwserver.pem";

    /** The loaded keystore, its password and the exported certificate. */
    public record Loaded(KeyStore keyStore, String password, Path pem, X509Certificate certificate) {
        @Override
        public String toString() {
            return "Loaded[pem=" + pem + "]";
        }
    }

    private ServerKeystore() {
    }

    public static Loaded loadOrCreate(Path file, String configuredPassword, List<String> serverNames) throws IOException {
        try {
            Path pass = file.resolveSibling(file.getFileName() + ".pass");
            String password = configuredPassword;
            if (password == null || password.isEmpty()) {
                if (Files.exists(pass)) {
                    password = Files.readString(pass, StandardCharsets.UTF_8).trim();
                } else if (!Files.exists(file)) {
                    password = Secrets.random(24);
                    FirstStart.writePrivately(pass, password + "\n");
                } else {
                    throw new ConfigException("keystore " + file + " (XWkeyStore) exists but XWpassPhrase is empty and " + pass
                            + " is missing; set XWpassPhrase in the server's configuration to the keystore's password");
                }
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    ks.load(in, password.toCharArray());
                } catch (IOException e) {
                    if (e.getCause() instanceof java.security.UnrecoverableKeyException) {
                        // PKCS12 says "keystore password was incorrect": a key of the configuration to fix, in one line.
                        throw new ConfigException("cannot open the keystore " + file + " (XWkeyStore): the password is wrong; fix"
                                + " XWpassPhrase in the server's configuration" + (Files.exists(pass)
                                        ? " (or leave it empty: " + pass + " holds the password this keystore was made with)" : ""));
                    }
                    throw e;
                }
            } else {
                ks.load(null, null);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                KeyPair pair = generator.generateKeyPair();
                X509Certificate cert = selfSigned(pair, names(serverNames));
                ks.setKeyEntry(ALIAS, pair.getPrivate(), password.toCharArray(), new Certificate[] {cert});
                // The keystore holds the private key: owner-only from the moment it exists.
                FirstStart.writePrivately(file, "");
                try (OutputStream out = Files.newOutputStream(file)) {
                    ks.store(out, password.toCharArray());
                }
                LOG.info("created keystore {} with a self-signed certificate for {}", file, names(serverNames));
            }
            String alias = ks.aliases().nextElement();
            X509Certificate cert = (X509Certificate) ks.getCertificate(alias);
            Path pem = file.toAbsolutePath().resolveSibling(PEM_NAME);
            Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                    + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
            return new Loaded(ks, password, pem, cert);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot load or create the keystore " + file + ": " + e.getMessage(), e);
        }
    }

    private static Set<String> names(List<String> serverNames) {
        Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        try {
            names.add(InetAddress.getLocalHost().getHostName());
        } catch (IOException e) {
            LOG.debug("no local host name: {}", e.getMessage());
        }
        names.addAll(serverNames);
        return names;
    }

    private static X509Certificate selfSigned(KeyPair pair, Set<String> names)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        X500Name subject = new X500Name("CN=" + names.stream().skip(3).findFirst().orElse("localhost").replaceAll("[,=+]", "") + ", O=XtremWeb");
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(64, new java.security.SecureRandom()).abs().add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3653))), subject, pair.getPublic());
        List<GeneralName> sans = new ArrayList<>();
        for (String name : names) {
            boolean ip = name.matches("[0-9.]+") || name.contains(":");
            sans.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, name));
        }
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    }
}
