package xtremweb.server.certificate;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the server trusts for certificate logins: {@code x509.ca.dir} (a directory in the grid
 * layout, like {@code /etc/grid-security/certificates}) and/or {@code x509.ca.bundle} (one PEM or
 * PKCS#12 file, password {@code x509.ca.bundle.password}); {@code x509.crl.required} refuses
 * certificates whose CA has no current CRL; {@code x509.reload} is how often (seconds) both are read
 * again, 0 for at start only. With neither location, certificate login is off.
 */
public record TrustSettings(Optional<Path> caDirectory, Optional<Path> caBundle, String bundlePassword, boolean crlRequired,
                            int reloadSeconds) {
    public static final int DEFAULT_RELOAD_SECONDS = 600;

    public static TrustSettings off() {
        return new TrustSettings(Optional.empty(), Optional.empty(), "", false, DEFAULT_RELOAD_SECONDS);
    }

    public boolean enabled() {
        return caDirectory.isPresent() || caBundle.isPresent();
    }

    @Override
    public String toString() {
        return "TrustSettings[caDirectory=" + caDirectory.orElse(null) + ", caBundle=" + caBundle.orElse(null)
                + ", crlRequired=" + crlRequired + ", reload=" + reloadSeconds + "s]";
    }
}
