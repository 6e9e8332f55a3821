package xtremweb.server.certification;

/**
 * A result that expands past the {@link ComparisonLimits}: it is not compared further, and the
 * copies are taken as not agreeing. Unlike other I/O failures of a comparison (a disk failing
 * halfway, worth validating again), comparing it again would give the same answer.
 */
final class TooLargeToCompare extends NotComparable {
    private static final long serialVersionUID = 1L;

    TooLargeToCompare(String message) {
        super(message, null);
    }
}
