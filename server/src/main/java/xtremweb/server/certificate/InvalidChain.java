package xtremweb.server.certificate;

/** Why a client's certificate chain cannot log in: a {@link Reason} for metrics, a sentence for the user. */
final class InvalidChain extends Exception {
    private static final long serialVersionUID = 1L;

    /** The kinds of refusal, counted in {@code xtremweb_logins_certificate_total{outcome}}. */
    enum Reason {
        EXPIRED, NOT_YET_VALID, UNTRUSTED, FORGED, REVOKED, NO_CRL, BAD_USAGE, BAD_PROXY, LIMITED_PROXY;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private final Reason reason;

    InvalidChain(Reason reason, String sentence) {
        super(sentence, null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
