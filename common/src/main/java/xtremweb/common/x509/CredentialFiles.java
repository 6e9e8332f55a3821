package xtremweb.common.x509;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads a credential from the files grid users have: {@code usercert.pem} with {@code userkey.pem}
 * (PEM; the key in PKCS#1, PKCS#8 or OpenSSL's encrypted form, whose passphrase is asked), a proxy
 * file (certificate, key and the chain in one PEM file, as {@code grid-proxy-init} writes
 * {@code /tmp/x509up_u<uid>}), or a PKCS#12 file ({@code usercred.p12}). Like grid tools, a file
 * holding a key that other users of the machine may read is refused.
 */
public final class CredentialFiles {
    /** The environment variable grid tools read the proxy's path from. */
    public static final String PROXY_VARIABLE = "X509_USER_PROXY";
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private CredentialFiles() {
    }

    /** Asks for the passphrase of an encrypted key; empty when nobody can type it. */
    @FunctionalInterface
    public interface Passphrase {
        Optional<char[]> ask(Path keyFile);

        static Passphrase none() {
            return file -> Optional.empty();
        }

        /** On the terminal without echo; empty when there is no terminal. */
        static Passphrase console() {
            return file -> {
                Console console = System.console();
                return console == null ? Optional.empty()
                        : Optional.ofNullable(console.readPassword("passphrase for %s: ", file));
            };
        }
    }

    /**
     * The credential in {@code certificate} (its chain after it), with the key from {@code key}, or
     * from {@code certificate} itself when no key file is given (a proxy file, a PEM file holding
     * both, a PKCS#12 file).
     */
    public static Credential read(Path certificate, Optional<Path> key, Passphrase passphrase) {
        byte[] bytes = bytes(certificate, "certificate");
        if (!isPem(bytes)) {
            if (key.isPresent()) {
                throw new CredentialException(certificate + " is not a PEM certificate; give a PEM file to --xwcert, or a"
                        + " PKCS#12 file (.p12) alone, without --xwkey");
            }
            return pkcs12(certificate, bytes, passphrase);
        }
        Pem cert = pem(certificate, bytes, passphrase);
        if (cert.certificates().isEmpty()) {
            throw new CredentialException("no certificate in " + certificate + "; it must hold a PEM 'CERTIFICATE' block");
        }
        PrivateKey privateKey;
        if (key.isPresent()) {
            byte[] keyBytes = bytes(key.get(), "key");
            privateOnly(key.get());
            privateKey = pem(key.get(), keyBytes, passphrase).key().orElseThrow(() ->
                    new CredentialException("no private key in " + key.get()));
        } else {
            privateKey = cert.key().orElseThrow(() -> new CredentialException("no private key in " + certificate
                    + "; give the key file too (--xwkey FILE, or x509.key), or use a proxy file, which holds its key"));
            privateOnly(certificate);
        }
        try {
            return Credential.of(cert.certificates(), privateKey);
        } catch (IllegalArgumentException e) {
            throw new CredentialException(e.getMessage() + " (" + certificate + (key.isPresent() ? ", key " + key.get() : "")
                    + "); give the matching key file", e);
        }
    }

    /** The proxy file grid tools use: {@code $X509_USER_PROXY}, else {@code /tmp/x509up_u<uid>}. */
    public static Path defaultProxy() {
        String variable = System.getenv(PROXY_VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return Path.of(variable);
        }
        // Always /tmp, whatever java.io.tmpdir says: that is where grid tools write it.
        return Path.of("/tmp", "x509up_u" + uid());
    }

    private static long uid() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid();
        } catch (LinkageError | RuntimeException e) {
            throw new CredentialException("cannot tell this user's uid to find its proxy /tmp/x509up_u<uid>; set "
                    + PROXY_VARIABLE + " or give the proxy file with --xwcert FILE");
        }
    }

    private record Pem(List<X509Certificate> certificates, Optional<PrivateKey> key) {
    }

    private static byte[] bytes(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CredentialException("the " + what + " file " + file + " does not exist"
                    + (what.equals("certificate") ? "; for a proxy, make one first (grid-proxy-init or voms-proxy-init)" : ""), e);
        } catch (IOException e) {
            throw new CredentialException("cannot read the " + what + " file " + file + ": " + reason(e), e);
        }
    }

    /** Why a file could not be read, in words ("Is a directory", "permission denied"), never a class name. */
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fs) {
            return fs.getReason() != null ? fs.getReason() : "the file system refused";
        }
        return e.getMessage() != null ? e.getMessage() : "input/output error";
    }

    private static boolean isPem(byte[] bytes) {
        String start = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.US_ASCII);
        return start.contains("-----BEGIN ");
    }

    private static Pem pem(Path file, byte[] bytes, Passphrase passphrase) {
        List<X509Certificate> certificates = new ArrayList<>();
        PrivateKey key = null;
        // The JDK's own key objects: TLS (JSSE) signs the handshake with them.
        JcaPEMKeyConverter keys = new JcaPEMKeyConverter();
        try (Reader reader = new java.io.InputStreamReader(new java.io.ByteArrayInputStream(bytes), StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                switch (object) {
                    case X509CertificateHolder holder -> certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
                    case PEMKeyPair pair -> key = keys.getPrivateKey(pair.getPrivateKeyInfo());
                    case PrivateKeyInfo info -> key = keys.getPrivateKey(info);
                    case PEMEncryptedKeyPair encrypted -> key = decrypted(file, () -> keys.getPrivateKey(encrypted.decryptKeyPair(
                            new JcePEMDecryptorProviderBuilder().setProvider(BC).build(ask(file, passphrase))).getPrivateKeyInfo()));
                    case PKCS8EncryptedPrivateKeyInfo encrypted -> key = decrypted(file, () -> keys.getPrivateKey(
                            encrypted.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC)
                                    .build(ask(file, passphrase)))));
                    default -> {
                        // EC parameters and other blocks carry nothing we need
                    }
                }
            }
        } catch (CredentialException e) {
            throw e;
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new CredentialException("cannot read " + file + " as PEM: " + e.getMessage(), e);
        }
        return new Pem(certificates, Optional.ofNullable(key));
    }

    private interface Decryption {
        PrivateKey key() throws Exception;
    }

    /**
     * An encrypted key that does not decrypt to a key. A wrong passphrase usually fails the
     * padding check, but about one time in 256 the padding of the garbage looks right and the
     * failure comes later, when the bytes are parsed: both mean the same to the user.
     */
    private static PrivateKey decrypted(Path file, Decryption decryption) {
        try {
            return decryption.key();
        } catch (CredentialException e) {
            throw e;
        } catch (Exception e) {
            throw new CredentialException("wrong passphrase for the key in " + file + " (or the key file is damaged)", e);
        }
    }

    private static char[] ask(Path file, Passphrase passphrase) {
        return passphrase.ask(file).orElseThrow(() -> new CredentialException("the key in " + file + " is encrypted and no"
                + " passphrase can be asked here (no terminal); run from a terminal, or log in with a proxy (grid-proxy-init)"));
    }

    private static Credential pkcs12(Path file, byte[] bytes, Passphrase passphrase) {
        privateOnly(file);
        KeyStore store;
        char[] password = new char[0];
        try {
            store = load(bytes, password);
        } catch (IOException e) {
            password = ask(file, passphrase);
            try {
                store = load(bytes, password);
            } catch (IOException wrong) {
                throw new CredentialException("wrong passphrase for " + file + ", or not a PKCS#12 file", wrong);
            }
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    PrivateKey key = (PrivateKey) store.getKey(alias, password);
                    Certificate[] chain = store.getCertificateChain(alias);
                    return Credential.of(Arrays.stream(chain).map(c -> (X509Certificate) c).toList(), key);
                }
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CredentialException("cannot take the key out of " + file + ": " + e.getMessage(), e);
        }
        throw new CredentialException("no private key in " + file);
    }

    private static KeyStore load(byte[] bytes, char[] password) throws IOException {
        try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** Refuses a key file that others may read, as grid-proxy-init and ssh do. */
    private static void privateOnly(Path file) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException | IOException e) {
            return; // not a POSIX file system: nothing to check
        }
        if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)
                || permissions.contains(PosixFilePermission.GROUP_WRITE) || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new CredentialException("the private key in " + file + " may be read by other users of this machine;"
                    + " make it yours only: chmod 600 " + file);
        }
    }
}
