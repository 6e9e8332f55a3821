package xtremweb.common.wire;

/**
 * An error answer ({@code application/problem+json}, RFC 9457). {@code code} is stable and meant for
 * programs (e.g. {@code app-not-found}); {@code detail} is one sentence for people, saying what to do.
 */
public record Problem(String type, String title, int status, String code, String detail) {
    public static Problem of(int status, String code, String detail) {
        return new Problem("about:blank", code, status, code, detail);
    }
}
