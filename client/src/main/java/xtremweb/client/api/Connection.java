package xtremweb.client.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import xtremweb.common.http.XwHttpClient;

/**
 * What the parts of the client library share: the HTTP client (which carries the session's token),
 * how transfers report their progress, and how long a waiting client pauses between two polls.
 */
final class Connection {
    static final String API = "/api/v1";
    /** Files at least this large are uploaded resumably (the server then hashes them from disk). */
    static final long RESUMABLE_FROM = 8L * 1024 * 1024;
    static final int TRANSFER_ATTEMPTS = 5;

    final XwHttpClient http;
    volatile XwHttpClient.Progress progress = XwHttpClient.Progress.NONE;
    volatile Duration loopDelay = XwClient.DEFAULT_LOOP_DELAY;
    /** Where a waiting client says that the server went away and came back; nowhere by default. */
    volatile Consumer<String> notices = notice -> { };

    Connection(XwHttpClient http) {
        this.http = http;
    }

    /** A value as one path segment or query value (a name may hold spaces or slashes). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
