package xtremweb.server.certification;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code byte-equal}: the same files with the same bytes (zip metadata and entry order aside), read
 * up to the {@link ComparisonLimits}.
 */
public final class ByteEqualComparator implements ResultComparator {
    public static final String NAME = "byte-equal";
    private static final int CHUNK = 64 * 1024;
    private final ComparisonLimits limits;

    /** With the default limits (what the server uses). */
    public ByteEqualComparator() {
        this(ComparisonLimits.DEFAULT);
    }

    ByteEqualComparator(ComparisonLimits limits) {
        this.limits = limits;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean agree(Path first, Path second) throws IOException {
        return ZipContent.agree(first, second, ByteEqualComparator::sameBytes, limits);
    }

    static boolean sameBytes(InputStream first, InputStream second) throws IOException {
        byte[] a = new byte[CHUNK];
        byte[] b = new byte[CHUNK];
        while (true) {
            int n = first.readNBytes(a, 0, CHUNK);
            int m = second.readNBytes(b, 0, CHUNK);
            if (n != m || !Arrays.equals(a, 0, n, b, 0, m)) {
                return false;
            }
            if (n < CHUNK) {
                return true;
            }
        }
    }
}
