package xtremweb.common.wire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code POST /api/v1/datas/contents}: the contents of several data in one answer (the results of
 * a sweep's works as they end), instead of one call each. The answer is
 * {@link #MEDIA_TYPE}: for each data, in the order asked, one line of JSON, a {@link Header}, then
 * exactly {@code size} bytes of content.
 */
public record DataContents(List<String> uids) {
    /** The most data one call may ask for. */
    public static final int MAX_DATAS = 1000;
    /** The answer's content type. */
    public static final String MEDIA_TYPE = "application/vnd.xtremweb.contents";

    public DataContents {
        // Not List.copyOf: a null in the list is the server's to refuse by its place, not a parse failure.
        uids = uids == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(uids));
    }

    /** What precedes each content in the answer: whose bytes, how many, and their SHA-256 (hex). */
    public record Header(String uid, long size, String sha256) {
    }
}
