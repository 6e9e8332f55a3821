package xtremweb.server.data;

import xtremweb.server.refusal.InvalidInput;

/** {@code Content-Range: bytes first-last/total} of one piece of a resumable upload. */
record ContentRange(long first, long last, long total) {
    ContentRange {
        if (first < 0 || last < first || total <= last) {
            throw new InvalidInput("Content-Range bytes " + first + "-" + last + "/" + total
                    + " is not a piece of the file; write 'bytes first-last/total' with first <= last < total");
        }
    }

    long length() {
        return last - first + 1;
    }

    static ContentRange parse(String header) {
        var m = java.util.regex.Pattern.compile("bytes\\s+(\\d{1,18})-(\\d{1,18})/(\\d{1,18})").matcher(header.trim());
        if (!m.matches()) {
            throw new InvalidInput("Content-Range '" + header + "' is not 'bytes first-last/total'");
        }
        return new ContentRange(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
    }
}
