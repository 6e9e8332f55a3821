package xtremweb.server.refusal;

/** No such object visible to the caller (codes like {@code work-not-found} say which kind). */
public final class NotFound extends Refusal {
    private static final long serialVersionUID = 1L;

    public NotFound(String detail) {
        super("not-found", detail);
    }

    public NotFound(String code, String detail) {
        super(code, detail);
    }
}
