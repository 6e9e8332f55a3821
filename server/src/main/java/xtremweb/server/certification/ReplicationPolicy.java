package xtremweb.server.certification;

import xtremweb.common.wire.Replication;
import xtremweb.server.refusal.Unprocessable;

/**
 * How many results of a work must agree ({@code quorum}), how many copies go out at first, the
 * most copies ever issued and the most that may fail, and the comparator that decides agreement.
 * {@link #SINGLE} (quorum 1, one copy) is a work computed once and trusted as it comes: no copy, no
 * comparison, the work itself is dispatched as it always was.
 */
public record ReplicationPolicy(int quorum, int initialCopies, int maxResults, int maxErrors, String comparator,
                                boolean adaptive) {
    public static final ReplicationPolicy SINGLE = new ReplicationPolicy(1, 1, 1, 0, null);

    /** A policy without adaptive trust. */
    public ReplicationPolicy(int quorum, int initialCopies, int maxResults, int maxErrors, String comparator) {
        this(quorum, initialCopies, maxResults, maxErrors, comparator, false);
    }

    /**
     * The copies a work starts with: with adaptive trust one, whose host's trust decides whether
     * more follow; otherwise the initial copies.
     */
    public int firstCopies() {
        return adaptive && quorum > 1 ? 1 : initialCopies;
    }

    public ReplicationPolicy {
        if (initialCopies < quorum) {
            throw new Unprocessable("replication-policy", "initialCopies (" + initialCopies + ") must be at least the quorum ("
                    + quorum + "): fewer copies could never agree");
        }
        if (maxResults < initialCopies) {
            throw new Unprocessable("replication-policy", "maxResults (" + maxResults + ") must be at least initialCopies ("
                    + initialCopies + ")");
        }
    }

    /** Whether works under this policy are computed by copies and certified. */
    public boolean replicated() {
        return quorum > 1 || initialCopies > 1;
    }

    /**
     * An app's policy from what its inserter asked: initial copies default to the quorum, the most
     * results to the initial copies plus the quorum (room for one disagreement), the most errors to
     * the quorum.
     */
    public static ReplicationPolicy forApp(Replication asked) {
        if (asked == null) {
            return SINGLE;
        }
        int quorum = asked.quorum() == null ? 1 : asked.quorum();
        int initial = asked.initialCopies() == null ? quorum : asked.initialCopies();
        int maxResults = asked.maxResults() == null ? (quorum == 1 && initial == 1 ? 1 : Math.min(Replication.MAX_COPIES, initial + quorum))
                : asked.maxResults();
        int maxErrors = asked.maxErrors() == null ? (quorum == 1 && initial == 1 ? 0 : quorum) : asked.maxErrors();
        return new ReplicationPolicy(quorum, initial, maxResults, maxErrors, Comparators.require(asked.comparator()),
                Boolean.TRUE.equals(asked.adaptive()));
    }

    /**
     * This (the app's) policy raised by what a work's owner asked: each number may grow, never
     * shrink, since the app's inserter set the least the app's results need; the owner may name
     * another comparator.
     */
    public ReplicationPolicy raisedBy(Replication asked) {
        if (asked == null) {
            return this;
        }
        return new ReplicationPolicy(atLeast("quorum", asked.quorum(), quorum),
                atLeast("initialCopies", asked.initialCopies(), initialCopies),
                atLeast("maxResults", asked.maxResults(), maxResults),
                atLeast("maxErrors", asked.maxErrors(), maxErrors),
                asked.comparator() == null ? comparator : Comparators.require(asked.comparator()),
                // Adaptive trust lowers the copies made: an owner may turn it off, not on.
                adaptive && !Boolean.FALSE.equals(asked.adaptive()));
    }

    private static int atLeast(String field, Integer asked, int app) {
        if (asked == null) {
            return app;
        }
        if (asked < app) {
            throw new Unprocessable("replication-policy", "a work may raise its app's " + field + " (" + app
                    + "), never lower it; asked " + asked);
        }
        return asked;
    }

    /** As listed. */
    public Replication view() {
        return new Replication(quorum, initialCopies, maxResults, maxErrors, comparator, adaptive);
    }
}
