package xtremweb.server.certificate;

import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;

/**
 * The CAs and CRLs trusted at one moment, as read from the configured files; never changed (a
 * reload makes a new one). Every CA certificate listed is trusted: self-signed ones, and ones whose
 * issuer is not listed, are the anchors; the others are intermediates paths may go through.
 */
final class Authorities {
    private final List<X509Certificate> cas;
    private final Set<TrustAnchor> anchors;
    private final List<X509Certificate> intermediates;
    private final Map<X500Principal, List<X509CRL>> crls;

    Authorities(List<X509Certificate> cas, List<X509CRL> crls) {
        this.cas = List.copyOf(cas);
        Set<X500Principal> subjects = cas.stream().map(X509Certificate::getSubjectX500Principal).collect(Collectors.toSet());
        Set<TrustAnchor> roots = new HashSet<>();
        List<X509Certificate> middle = new ArrayList<>();
        for (X509Certificate ca : cas) {
            boolean selfIssued = ca.getSubjectX500Principal().equals(ca.getIssuerX500Principal());
            if (selfIssued || !subjects.contains(ca.getIssuerX500Principal())) {
                roots.add(new TrustAnchor(ca, null));
            } else {
                middle.add(ca);
            }
        }
        this.anchors = Set.copyOf(roots);
        this.intermediates = List.copyOf(middle);
        this.crls = crls.stream().collect(Collectors.groupingBy(X509CRL::getIssuerX500Principal, Collectors.toUnmodifiableList()));
    }

    List<X509Certificate> cas() {
        return cas;
    }

    Set<TrustAnchor> anchors() {
        return anchors;
    }

    /** The intermediates, plus the certificates the client sent, for path building. */
    CertStore pathCertificates(List<X509Certificate> sent) throws GeneralSecurityException {
        List<X509Certificate> all = new ArrayList<>(intermediates);
        all.addAll(sent);
        return CertStore.getInstance("Collection", new CollectionCertStoreParameters(all));
    }

    /** The CRLs this CA name issued (their signatures are checked against the issuing certificate by the caller). */
    List<X509CRL> crlsOf(X500Principal issuer) {
        return crls.getOrDefault(issuer, List.of());
    }

    int crlCount() {
        return crls.values().stream().mapToInt(List::size).sum();
    }
}
