package xtremweb.server.certification;

/**
 * How much of a result zip a built-in comparison expands: at most {@code bytes} of content and
 * {@code files} files in each result. Results are compared inside the transaction that records a
 * copy's report, and {@code data.maxSize=0} leaves the uploaded zips unbounded: without a ceiling
 * colluding hosts could have the server inflate a zip bomb (a few KB that expands to terabytes)
 * again at every comparison.
 */
record ComparisonLimits(long bytes, int files) {
    /** A GiB of content and 100,000 files in each result: far beyond what a volunteer's job returns. */
    static final ComparisonLimits DEFAULT = new ComparisonLimits(1L << 30, 100_000);

    ComparisonLimits {
        if (bytes < 1 || files < 1) {
            throw new IllegalArgumentException("comparison limits must be positive, got " + bytes + " bytes, " + files + " files");
        }
    }
}
