package xtremweb.server.certification;

/**
 * Adaptive trust, what BOINC calls adaptive replication: a host earns trust with consecutive valid
 * results, and once trusted its result may stand alone, spot-checked at a rate that falls as its
 * trust grows but never below {@link #MIN_SPOT_CHECK}. Caught with one false result it loses all
 * trust at once, and every result it had delivered alone is re-verified (which BOINC does not do).
 */
final class Trust {
    /** Consecutive valid results before a host's result may stand alone. */
    static final int TRUSTED_AFTER = 5;
    /** The least share of a trusted host's results that are still checked. */
    static final double MIN_SPOT_CHECK = 0.05;

    private Trust() {
    }

    /** The chance that a result of a host with this trust is checked: 1 until trusted, then falling. */
    static double spotCheckRate(int trust) {
        if (trust < TRUSTED_AFTER) {
            return 1.0;
        }
        return Math.max(MIN_SPOT_CHECK, (double) TRUSTED_AFTER / (trust + 1));
    }
}
