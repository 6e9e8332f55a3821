package xtremweb.server.http;

import java.util.List;

/**
 * {@code If-None-Match} lists (RFC 9110, 13.1.2): entity tags separated by commas, possibly over
 * several header lines, or {@code *}. Compared weakly, as a GET's If-None-Match is: {@code W/}
 * is ignored. The server's tags are SHA-256s in hex, so case does not matter either.
 */
final class EntityTags {
    private EntityTags() {
    }

    /** Whether one of the tags in {@code headerValues} names {@code etag} (quoted), or any is {@code *}. */
    static boolean anyMatches(List<String> headerValues, String etag) {
        for (String value : headerValues) {
            for (String tag : value.split(",")) {
                String t = tag.strip();
                if (t.startsWith("W/")) {
                    t = t.substring(2);
                }
                if (t.equals("*") || t.equalsIgnoreCase(etag)) {
                    return true;
                }
            }
        }
        return false;
    }
}
