package xtremweb.server.refusal;

/** The caller is known but its rights do not allow this. */
public final class Forbidden extends Refusal {
    private static final long serialVersionUID = 1L;

    public Forbidden(String detail) {
        super("forbidden", detail);
    }

    public Forbidden(String code, String detail) {
        super(code, detail);
    }
}
