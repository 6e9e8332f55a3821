package xtremweb.server.certificate;

import static xtremweb.server.certificate.InvalidChain.Reason.BAD_PROXY;
import static xtremweb.server.certificate.InvalidChain.Reason.EXPIRED;
import static xtremweb.server.certificate.InvalidChain.Reason.FORGED;
import static xtremweb.server.certificate.InvalidChain.Reason.LIMITED_PROXY;
import static xtremweb.server.certificate.InvalidChain.Reason.NOT_YET_VALID;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import xtremweb.common.x509.DistinguishedNames;
import xtremweb.common.x509.ProxyType;

/**
 * The rules of RFC 3820 for the proxies at the head of a chain, checked from the end-entity
 * certificate down to the proxy that signed the TLS handshake. Legacy Globus proxies follow the
 * same rules, named by their last CN instead of an extension. Limited proxies are refused: grid
 * middleware forbids them to start jobs, and logging in here is for starting jobs.
 */
final class ProxyChecks {
    static final String INHERIT_ALL = "1.3.6.1.5.5.7.21.1";
    static final String INDEPENDENT = "1.3.6.1.5.5.7.21.2";
    static final String GLOBUS_LIMITED = "1.3.6.1.4.1.3536.1.1.1.9";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String ISSUER_ALT_NAME = "2.5.29.18";
    private static final Set<String> UNDERSTOOD_CRITICAL = Set.of(ProxyType.PROXY_CERT_INFO_OID, KEY_USAGE, BASIC_CONSTRAINTS,
            EXTENDED_KEY_USAGE);
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int NON_REPUDIATION = 1;
    private static final int KEY_CERT_SIGN = 5;

    private ProxyChecks() {
    }

    /** What a proxy's proxyCertInfo says: how many proxies may follow it (null: no limit) and its policy language. */
    private record ProxyInfo(Integer pathLength, String policyLanguage) {
    }

    /**
     * Checks {@code chain[0..proxies-1]}, the proxies above the end-entity certificate
     * {@code chain[proxies]}; {@code now} is the login's time.
     */
    static void check(List<X509Certificate> chain, int proxies, Instant now) throws InvalidChain {
        ProxyType kind = proxies == 0 ? ProxyType.NONE : ProxyType.of(chain.get(0));
        for (int i = proxies - 1; i >= 0; i--) {
            X509Certificate proxy = chain.get(i);
            X509Certificate issuer = chain.get(i + 1);
            String name = name(proxy);
            ProxyType type = ProxyType.of(proxy);
            if (type == ProxyType.GT3_DRAFT) {
                throw new InvalidChain(BAD_PROXY, "the proxy " + name + " is a pre-RFC (Globus Toolkit 3) proxy, which this server"
                        + " does not accept; make an RFC 3820 proxy (voms-proxy-init -rfc, grid-proxy-init -rfc)");
            }
            if (type != kind) {
                throw new InvalidChain(BAD_PROXY, "the chain mixes RFC 3820 and legacy proxies (" + name + "); make a new proxy"
                        + " from your certificate");
            }
            if (!proxy.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                throw new InvalidChain(BAD_PROXY, "the proxy " + name + " names " + name(proxy.getIssuerX500Principal())
                        + " as its issuer, not the next certificate of the chain " + name(issuer));
            }
            try {
                proxy.verify(issuer.getPublicKey());
            } catch (GeneralSecurityException e) {
                throw new InvalidChain(FORGED, "the signature of the proxy " + name + " does not verify with the key of "
                        + name(issuer) + ": the chain is forged or damaged");
            }
            validity(proxy, name, now);
            Optional<String> added = ProxyType.addedCommonName(proxy.getSubjectX500Principal(), issuer.getSubjectX500Principal());
            if (added.isEmpty()) {
                throw new InvalidChain(BAD_PROXY, "the proxy " + name + " is not named after its issuer " + name(issuer)
                        + " plus one CN, as RFC 3820 requires");
            }
            if (issuer.getBasicConstraints() >= 0) {
                throw new InvalidChain(BAD_PROXY, "the proxy " + name + " is issued by a CA certificate; proxies are made from a"
                        + " user's or host's own certificate");
            }
            if (proxy.getBasicConstraints() >= 0) {
                throw new InvalidChain(BAD_PROXY, "the proxy " + name + " claims to be a CA");
            }
            boolean[] issuerUsage = issuer.getKeyUsage();
            if (issuerUsage != null && !issuerUsage[DIGITAL_SIGNATURE]) {
                throw new InvalidChain(BAD_PROXY, "the certificate " + name(issuer) + " may not sign (its key usage lacks"
                        + " digitalSignature), so it cannot issue the proxy " + name);
            }
            boolean[] usage = proxy.getKeyUsage();
            if (usage != null && (usage[NON_REPUDIATION] || usage[KEY_CERT_SIGN])) {
                throw new InvalidChain(BAD_PROXY, "the proxy " + name + " asserts nonRepudiation or keyCertSign, which RFC 3820"
                        + " forbids");
            }
            if (proxy.getExtensionValue(SUBJECT_ALT_NAME) != null || proxy.getExtensionValue(ISSUER_ALT_NAME) != null) {
                throw new InvalidChain(BAD_PROXY, "the proxy " + name + " carries an alternative name, which RFC 3820 forbids");
            }
            Set<String> critical = proxy.getCriticalExtensionOIDs() == null ? Set.of() : proxy.getCriticalExtensionOIDs();
            for (String oid : critical) {
                if (!UNDERSTOOD_CRITICAL.contains(oid)) {
                    throw new InvalidChain(BAD_PROXY, "the proxy " + name + " has a critical extension " + oid
                            + " this server does not understand");
                }
            }
            if (type == ProxyType.LEGACY) {
                if (added.get().equals(ProxyType.LEGACY_LIMITED_CN)) {
                    throw limited(name);
                }
                continue;
            }
            if (!critical.contains(ProxyType.PROXY_CERT_INFO_OID)) {
                throw new InvalidChain(BAD_PROXY, "the proxyCertInfo extension of the proxy " + name + " is not critical, as RFC"
                        + " 3820 requires");
            }
            ProxyInfo info = info(proxy, name);
            if (info.pathLength() != null && i > info.pathLength()) {
                throw new InvalidChain(BAD_PROXY, "the proxy " + name + " allows " + info.pathLength() + " proxies below it, and"
                        + " the chain has " + i);
            }
            switch (info.policyLanguage()) {
                case INHERIT_ALL -> {
                }
                case GLOBUS_LIMITED -> throw limited(name);
                case INDEPENDENT -> throw new InvalidChain(BAD_PROXY, "the proxy " + name + " is an independent proxy, which"
                        + " carries none of its issuer's rights; make a full proxy");
                default -> throw new InvalidChain(BAD_PROXY, "the proxy " + name + " has the policy " + info.policyLanguage()
                        + ", which this server cannot interpret; make a full proxy (inheritAll)");
            }
        }
    }

    static void validity(X509Certificate certificate, String name, Instant now) throws InvalidChain {
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
            throw new InvalidChain(EXPIRED, "the certificate " + name + " expired on " + certificate.getNotAfter().toInstant()
                    + (ProxyType.of(certificate).isProxy() ? "; make a new proxy (grid-proxy-init, voms-proxy-init)"
                    : "; renew it with its CA"));
        }
        if (now.isBefore(certificate.getNotBefore().toInstant())) {
            throw new InvalidChain(NOT_YET_VALID, "the certificate " + name + " is valid only from "
                    + certificate.getNotBefore().toInstant() + "; check this machine's and the server's clocks");
        }
    }

    private static InvalidChain limited(String name) {
        return new InvalidChain(LIMITED_PROXY, "the proxy " + name + " is a limited proxy, which may not start jobs; make a"
                + " full proxy (without -limited)");
    }

    private static ProxyInfo info(X509Certificate proxy, String name) throws InvalidChain {
        try {
            ASN1Sequence sequence = ASN1Sequence.getInstance(
                    JcaX509ExtensionUtils.parseExtensionValue(proxy.getExtensionValue(ProxyType.PROXY_CERT_INFO_OID)));
            int next = 0;
            Integer pathLength = null;
            if (sequence.getObjectAt(0) instanceof ASN1Integer length) {
                pathLength = length.intValueExact();
                next = 1;
            }
            ASN1Sequence policy = ASN1Sequence.getInstance(sequence.getObjectAt(next));
            return new ProxyInfo(pathLength, ASN1ObjectIdentifier.getInstance(policy.getObjectAt(0)).getId());
        } catch (IOException | RuntimeException e) {
            throw new InvalidChain(BAD_PROXY, "the proxyCertInfo extension of the proxy " + name + " cannot be read");
        }
    }

    static String name(X509Certificate certificate) {
        return name(certificate.getSubjectX500Principal());
    }

    static String name(javax.security.auth.x500.X500Principal principal) {
        return DistinguishedNames.printable(DistinguishedNames.canonical(principal));
    }
}
