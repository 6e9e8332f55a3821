package xtremweb.server.http;

import java.util.regex.Pattern;

/**
 * One {@code Range: bytes=first-last} (or {@code first-}, or suffix {@code -n}) resolved against a
 * file size. Several ranges in one header are answered with the whole file, as RFC 9110 allows,
 * and so is a header that is not a valid range (last before first): only a valid range that starts
 * past the end is unsatisfiable (416).
 */
record ByteRange(long first, long length, boolean unsatisfiable) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    /** Null when there is no usable Range header: the whole file is sent. */
    static ByteRange of(String header, long size) {
        if (header == null) {
            return null;
        }
        var m = SINGLE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return null;
        }
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            if (suffix == 0) {
                return new ByteRange(0, 0, true);
            }
            long length = Math.min(suffix, size);
            return new ByteRange(size - length, length, size == 0);
        }
        long first = Long.parseLong(m.group(1));
        if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < first) {
            // 'bytes=5-2' is not a byte range at all (RFC 9110 14.1.1): the header is ignored, not refused.
            return null;
        }
        long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
        if (first >= size) {
            return new ByteRange(first, 0, true);
        }
        return new ByteRange(first, last - first + 1, false);
    }
}
