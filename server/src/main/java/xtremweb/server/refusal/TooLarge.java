package xtremweb.server.refusal;

/** A body or a data is over the size this server accepts. */
public final class TooLarge extends Refusal {
    private static final long serialVersionUID = 1L;

    public TooLarge(String detail) {
        super("too-large", detail);
    }

    public TooLarge(String code, String detail) {
        super(code, detail);
    }
}
