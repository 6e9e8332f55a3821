package xtremweb.server.refusal;

/** The caller could not be identified: no token, a bad one, or a wrong login or password. */
public final class Unauthenticated extends Refusal {
    private static final long serialVersionUID = 1L;

    public Unauthenticated(String detail) {
        super("unauthenticated", detail);
    }

    public Unauthenticated(String code, String detail) {
        super(code, detail);
    }
}
