package xtremweb.server.refusal;

/**
 * The bytes asked for are on another server of the grid (each server keeps data in its own local
 * directory): answered 421 Misdirected Request with {@link #holder()} in the problem and in the
 * {@code X-XW-Holder} header, so the client asks that server instead. Nothing failed: the request
 * was sent to a server that cannot produce this answer, which is what 421 says.
 */
public final class Elsewhere extends Refusal {
    private static final long serialVersionUID = 1L;
    private final String holder;

    public Elsewhere(String holder, String detail) {
        super("data-elsewhere", detail);
        this.holder = holder;
    }

    /** The address ({@code https://host:port}) of the server that holds the bytes. */
    public String holder() {
        return holder;
    }
}
