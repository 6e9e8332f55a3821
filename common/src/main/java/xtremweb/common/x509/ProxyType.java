package xtremweb.common.x509;

import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * What kind of proxy certificate a certificate is, if any: a certificate that a user (or another
 * proxy) signed with its own key to hand its identity to a program for a few hours, as grid tools
 * make them ({@code grid-proxy-init}, {@code voms-proxy-init}).
 */
public enum ProxyType {
    /** Not a proxy: an end-entity (user or host) certificate, or a CA. */
    NONE,
    /** RFC 3820: carries the critical proxyCertInfo extension. */
    RFC3820,
    /** Globus Toolkit 2 ("legacy"): no extension; the subject is the issuer's plus {@code CN=proxy} or {@code CN=limited proxy}. */
    LEGACY,
    /** The Globus Toolkit 3 draft of RFC 3820 (its own extension OID); not accepted, but recognised to say so. */
    GT3_DRAFT;

    /** RFC 3820's proxyCertInfo extension. */
    public static final String PROXY_CERT_INFO_OID = "1.3.6.1.5.5.7.1.14";
    /** The same extension in the GT3 draft. */
    public static final String GT3_PROXY_CERT_INFO_OID = "1.3.6.1.4.1.3536.1.222";
    public static final String LEGACY_CN = "proxy";
    public static final String LEGACY_LIMITED_CN = "limited proxy";

    public static ProxyType of(X509Certificate certificate) {
        if (certificate.getExtensionValue(PROXY_CERT_INFO_OID) != null) {
            return RFC3820;
        }
        if (certificate.getExtensionValue(GT3_PROXY_CERT_INFO_OID) != null) {
            return GT3_DRAFT;
        }
        Optional<String> added = addedCommonName(certificate.getSubjectX500Principal(), certificate.getIssuerX500Principal());
        if (added.isPresent() && (added.get().equals(LEGACY_CN) || added.get().equals(LEGACY_LIMITED_CN))) {
            return LEGACY;
        }
        return NONE;
    }

    public boolean isProxy() {
        return this != NONE;
    }

    /**
     * The value of the one CN that {@code subject} adds to {@code issuer}, when the subject is exactly
     * the issuer's name followed by a single-valued CN part (the naming rule of every proxy); empty
     * otherwise.
     */
    public static Optional<String> addedCommonName(X500Principal subject, X500Principal issuer) {
        RDN[] s = X500Name.getInstance(subject.getEncoded()).getRDNs();
        RDN[] i = X500Name.getInstance(issuer.getEncoded()).getRDNs();
        if (s.length != i.length + 1) {
            return Optional.empty();
        }
        for (int k = 0; k < i.length; k++) {
            if (!s[k].equals(i[k]) && !IETFUtils.rDNAreEqual(s[k], i[k])) {
                return Optional.empty();
            }
        }
        RDN last = s[s.length - 1];
        if (last.isMultiValued() || !last.getFirst().getType().equals(BCStyle.CN)) {
            return Optional.empty();
        }
        return Optional.of(IETFUtils.valueToString(last.getFirst().getValue()));
    }
}
