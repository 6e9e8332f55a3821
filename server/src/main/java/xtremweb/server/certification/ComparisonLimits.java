package xtremweb.server.certification;

/**
 * How much of a result zip a built-in comparison expands: at most {@code bytes} of content and
 * {@code files} files in each result. Results are compared inside the transaction that records a
 * copy's report, and {@code data.maxSize=0} leaves the uploaded zips unbounded: without a ceiling
 * colluding hosts could have the server inflate a zip bomb (a few KB that expands to terabytes)
 * again at every comparison. The server's keys {@code certification.maxExpandedMiB} and
 * {@code certification.maxFiles} set them.
 */
public record ComparisonLimits(long bytes, int files) {
    /** 1 GiB of content in each result, in MiB: far beyond what a volunteer's job returns. */
    public static final int DEFAULT_MAX_EXPANDED_MIB = 1024;
    /** 100,000 files in each result. */
    public static final int DEFAULT_MAX_FILES = 100_000;
    /**
     * The most files {@code certification.maxFiles} allows: each file of the two results compared
     * is listed in memory (a few hundred bytes each), so ten million is already gigabytes of heap.
     */
    public static final int MOST_FILES = 10_000_000;
    public static final ComparisonLimits DEFAULT = new ComparisonLimits(DEFAULT_MAX_EXPANDED_MIB * 1024L * 1024L, DEFAULT_MAX_FILES);

    public ComparisonLimits {
        if (bytes < 1 || files < 1) {
            throw new IllegalArgumentException("comparison limits must be positive, got " + bytes + " bytes, " + files + " files");
        }
    }
}
