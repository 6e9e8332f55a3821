package xtremweb.server.refusal;

/** The object's state does not allow it now (already done, changed meanwhile, still in use). */
public final class Conflict extends Refusal {
    private static final long serialVersionUID = 1L;

    public Conflict(String detail) {
        super("conflict", detail);
    }

    public Conflict(String code, String detail) {
        super(code, detail);
    }
}
