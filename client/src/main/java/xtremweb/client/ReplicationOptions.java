package xtremweb.client;

import picocli.CommandLine.Option;
import xtremweb.common.wire.Replication;

/**
 * The replication policy options (result certification) of {@code xwsendapp} and
 * {@code xwsendwork}: how many results must agree before one is the work's result, and the limits
 * on copies. None given: the app's policy (for an app: one result per work, as always).
 */
final class ReplicationOptions {
    @Option(names = "--xwquorum", paramLabel = "N",
            description = "Results of independent hosts that must agree before one is the work's result (default 1: the"
                    + " first result is trusted). A work may raise its app's quorum, never lower it.")
    Integer quorum;

    @Option(names = "--xwinitialcopies", paramLabel = "N",
            description = "Copies sent out at once (default: the quorum).")
    Integer initialCopies;

    @Option(names = "--xwmaxresults", paramLabel = "N",
            description = "The most copies ever sent; past it without agreement the work ends in ERROR \"no quorum\""
                    + " (default: initial copies plus the quorum).")
    Integer maxResults;

    @Option(names = "--xwmaxerrors", paramLabel = "N",
            description = "The most copies that may fail before the work ends in ERROR (default: the quorum).")
    Integer maxErrors;

    @Option(names = "--xwcomparator", paramLabel = "NAME",
            description = "How results are compared: byte-equal (default: the same files, zip dates and order aside),"
                    + " numeric (numbers within a relative tolerance of 1e-6), or a comparator the server was given.")
    String comparator;

    @Option(names = "--xwadaptive", paramLabel = "true|false", arity = "0..1", fallbackValue = "true",
            description = "Adaptive trust: one copy first, and the result of a host with enough consecutive valid results"
                    + " stands alone, spot-checked at a rate falling with its trust (never below 5%%). A work may turn it"
                    + " off (--xwadaptive false), not on.")
    Boolean adaptive;

    /** The policy asked for, or null when no option was given. */
    Replication replication() {
        if (quorum == null && initialCopies == null && maxResults == null && maxErrors == null && comparator == null
                && adaptive == null) {
            return null;
        }
        return new Replication(quorum, initialCopies, maxResults, maxErrors, comparator, adaptive);
    }
}
