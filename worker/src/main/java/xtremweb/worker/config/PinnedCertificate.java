package xtremweb.worker.config;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import xtremweb.common.config.ConfigException;
import xtremweb.common.http.PinnedTrust;

/** The server certificate a worker or pilot pins, read at start: a file that holds none names its key and what to do. */
public final class PinnedCertificate {
    private PinnedCertificate() {
    }

    public static List<X509Certificate> read(Path certFile, Object source) {
        try {
            return PinnedTrust.readPem(certFile);
        } catch (IllegalArgumentException e) {
            String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw new ConfigException("the server certificate " + certFile + " (key 'path.certfile' in " + source
                    + ") holds no PEM certificate (" + why + "); copy the server's xwserver.pem there", e);
        }
    }
}
