package xtremweb.server.certificate;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xtremweb.common.x509.DistinguishedNames;

/**
 * The trusted CAs and CRLs now. Read at start (an unusable configuration stops the start, naming the
 * key), then again every {@code x509.reload} seconds so that CRLs refreshed by {@code fetch-crl}
 * and CAs added or removed apply without a restart; a reload that fails keeps what was trusted
 * before and says so in the log.
 */
public final class AuthorityStore {
    private static final Logger LOG = LoggerFactory.getLogger(AuthorityStore.class);
    private final TrustSettings settings;
    private final Clock clock;
    private volatile Authorities current;

    private AuthorityStore(TrustSettings settings, Clock clock, Authorities current) {
        this.settings = settings;
        this.clock = clock;
        this.current = current;
    }

    /** Reads the configured CAs; certificate login is off (and nothing is read) when none is configured. */
    public static AuthorityStore load(TrustSettings settings, Clock clock) {
        if (!settings.enabled()) {
            return new AuthorityStore(settings, clock, null);
        }
        AuthorityStore store = new AuthorityStore(settings, clock, AuthorityFiles.read(settings));
        store.report(null);
        return store;
    }

    public boolean enabled() {
        return current != null;
    }

    public TrustSettings settings() {
        return settings;
    }

    /** Reads the files again; on failure the previous CAs and CRLs stay in force. */
    public void reload() {
        if (!settings.enabled()) {
            return;
        }
        try {
            Authorities previous = current;
            current = AuthorityFiles.read(settings);
            report(previous);
        } catch (RuntimeException e) {
            LOG.warn("reloading the trusted CAs and CRLs from {} failed, the previous ones stay in force: {}",
                    AuthorityFiles.where(settings), e.getMessage());
        }
    }

    /** The CA names a TLS server lists when it asks for a client certificate (a browser shows matching certificates only). */
    public List<X509Certificate> acceptedIssuers() {
        Authorities now = current;
        return now == null ? List.of() : now.cas();
    }

    Optional<Authorities> current() {
        return Optional.ofNullable(current);
    }

    /**
     * One line on what is trusted (at start, then when it changed), and one on the CAs without a
     * current CRL at every reading: the operator's cue to run fetch-crl.
     */
    private void report(Authorities previous) {
        Authorities now = current;
        Instant at = clock.instant();
        List<String> stale = new ArrayList<>();
        for (X509Certificate ca : now.cas()) {
            boolean fresh = now.crlsOf(ca.getSubjectX500Principal()).stream()
                    .anyMatch(crl -> crl.getNextUpdate() == null || crl.getNextUpdate().toInstant().isAfter(at));
            if (!fresh) {
                stale.add(DistinguishedNames.printable(DistinguishedNames.canonical(ca.getSubjectX500Principal())));
            }
        }
        if (previous == null || !previous.cas().equals(now.cas()) || previous.crlCount() != now.crlCount()) {
            LOG.info("certificate login: {} trusted CAs and {} CRLs from {}", now.cas().size(), now.crlCount(),
                    AuthorityFiles.where(settings));
        }
        if (!stale.isEmpty()) {
            LOG.warn("no current CRL for {} CA(s) ({}): {}; refresh them (fetch-crl)", stale.size(),
                    settings.crlRequired() ? "x509.crl.required=true: their certificates are refused"
                            : "x509.crl.required=false: their certificates are checked against the last CRL, if any",
                    String.join(", ", stale.subList(0, Math.min(stale.size(), 5))) + (stale.size() > 5 ? ", ..." : ""));
        }
    }
}
