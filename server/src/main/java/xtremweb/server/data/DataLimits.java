package xtremweb.server.data;

/**
 * How much one data object and one user may occupy on the server, in bytes ({@code data.maxSize}
 * and {@code data.quota}; 0 = no limit). Checked against declared sizes before any byte is
 * received, and against the bytes themselves as they arrive.
 */
public record DataLimits(long maxSize, long quota) {
    public static final DataLimits NONE = new DataLimits(0, 0);

    public DataLimits {
        if (maxSize < 0 || quota < 0) {
            throw new IllegalArgumentException("data limits cannot be negative");
        }
    }

    /** The most this data may still grow to, given what its owner already holds elsewhere. */
    long allowance(long usedElsewhere) {
        long byQuota = quota == 0 ? Long.MAX_VALUE : Math.max(0, quota - usedElsewhere);
        long bySize = maxSize == 0 ? Long.MAX_VALUE : maxSize;
        return Math.min(byQuota, bySize);
    }
}
