package xtremweb.common.wire;

/**
 * A replication policy (result certification): {@code quorum} results must agree before one is the
 * work's result; {@code initialCopies} are sent at once (one only with {@code adaptive} trust, more when
 * that copy's host is not trusted or is spot-checked); at most {@code maxResults} copies are ever
 * issued and {@code maxErrors} of them may fail; {@code comparator} names how two results are
 * compared ({@code byte-equal}, {@code numeric}, or a deployment's own). Null fields take the app's
 * value (for a work) or the default (for an app). Quorum 1 is one result, trusted as it comes.
 */
public record Replication(Integer quorum, Integer initialCopies, Integer maxResults, Integer maxErrors, String comparator,
                          Boolean adaptive) {
    /** The most copies of one work: every copy is a row, a task and a result on the server's disk. */
    public static final int MAX_COPIES = 50;

    public Replication {
        check("quorum", quorum, 1);
        check("initialCopies", initialCopies, 1);
        check("maxResults", maxResults, 1);
        check("maxErrors", maxErrors, 0);
        if (comparator != null && !comparator.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            throw new IllegalArgumentException("a comparator name is 1 to 100 letters, digits, '.', '_' or '-', got '"
                    + comparator + "'");
        }
    }

    /** A policy without adaptive trust. */
    public Replication(Integer quorum, Integer initialCopies, Integer maxResults, Integer maxErrors, String comparator) {
        this(quorum, initialCopies, maxResults, maxErrors, comparator, null);
    }

    private static void check(String field, Integer value, int min) {
        if (value != null && (value < min || value > MAX_COPIES)) {
            throw new IllegalArgumentException("replication field '" + field + "' must be between " + min + " and "
                    + MAX_COPIES + ", got " + value);
        }
    }
}
