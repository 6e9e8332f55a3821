package xtremweb.client.api;

import java.nio.file.Path;
import java.util.Optional;
import xtremweb.common.config.ConfigException;
import xtremweb.common.config.XwConfig;
import xtremweb.common.x509.Credential;
import xtremweb.common.x509.CredentialFiles;

/**
 * The certificate a client logs in with instead of a password: a certificate file with its key
 * file ({@code usercert.pem}, {@code userkey.pem}), a file that holds both (a proxy, a PKCS#12
 * {@code usercred.p12}), or the grid proxy ({@code $X509_USER_PROXY}, else
 * {@code /tmp/x509up_u<uid>}). Only the files' names are kept here; {@link #read} reads them.
 */
public record CertificateFiles(Path certificate, Optional<Path> key) {
    public CertificateFiles {
        key = key == null ? Optional.empty() : key;
    }

    /** The user's grid proxy, where grid tools put it. */
    public static CertificateFiles proxy() {
        return new CertificateFiles(CredentialFiles.defaultProxy(), Optional.empty());
    }

    /**
     * The configured certificate, if any: {@code x509.cert} (with {@code x509.key} when the key is
     * in a file of its own), or {@code x509.proxy=true} for the grid proxy.
     */
    public static Optional<CertificateFiles> configured(XwConfig config) {
        Optional<Path> certificate = config.optionalPath("x509.cert");
        Optional<Path> key = config.optionalPath("x509.key");
        if (key.isPresent() && certificate.isEmpty()) {
            throw new ConfigException("key 'x509.key' in " + config.source() + " needs 'x509.cert', the certificate of that key");
        }
        if (certificate.isPresent()) {
            return Optional.of(new CertificateFiles(certificate.get(), key));
        }
        return config.bool("x509.proxy", false) ? Optional.of(proxy()) : Optional.empty();
    }

    /** The credential in these files; an encrypted key's passphrase is asked through {@code passphrase}. */
    public Credential read(CredentialFiles.Passphrase passphrase) {
        return CredentialFiles.read(certificate, key, passphrase);
    }
}
