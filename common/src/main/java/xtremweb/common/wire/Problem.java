package xtremweb.common.wire;

/**
 * An error answer ({@code application/problem+json}, RFC 9457). {@code code} is stable and meant for
 * programs (e.g. {@code app-not-found}); {@code detail} is one sentence for people, saying what to do.
 * {@code errorId} is set only on a server failure (500): the same id is in the server's log line.
 */
public record Problem(String type, String title, int status, String code, String detail, String errorId) {
    public static Problem of(int status, String code, String detail) {
        return new Problem("about:blank", code, status, code, detail, null);
    }

    public static Problem failure(String detail, String errorId) {
        return new Problem("about:blank", "internal-error", 500, "internal-error", detail, errorId);
    }
}
