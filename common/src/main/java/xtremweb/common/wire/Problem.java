package xtremweb.common.wire;

/**
 * An error answer ({@code application/problem+json}, RFC 9457). {@code code} is stable and meant for
 * programs (e.g. {@code app-not-found}); {@code detail} is one sentence for people, saying what to do.
 * {@code errorId} is set only on a server failure (500): the same id is in the server's log line.
 * {@code holder} is set only on a 421 {@code data-elsewhere}: the address of the server of the grid
 * that holds the bytes asked for.
 */
public record Problem(String type, String title, int status, String code, String detail, String errorId, String holder) {
    /** The header that repeats {@link #holder()}, for clients that do not read the body of a 421. */
    public static final String HOLDER_HEADER = "X-XW-Holder";

    public static Problem of(int status, String code, String detail) {
        return new Problem("about:blank", code, status, code, detail, null, null);
    }

    public static Problem failure(String detail, String errorId) {
        return new Problem("about:blank", "internal-error", 500, "internal-error", detail, errorId, null);
    }

    public static Problem elsewhere(String detail, String holder) {
        return new Problem("about:blank", "data-elsewhere", 421, "data-elsewhere", detail, null, holder);
    }
}
