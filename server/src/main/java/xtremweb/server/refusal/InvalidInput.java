package xtremweb.server.refusal;

/** The request itself is wrong: a field fails validation, a query or header cannot be read. */
public final class InvalidInput extends Refusal {
    private static final long serialVersionUID = 1L;

    public InvalidInput(String detail) {
        super("bad-request", detail);
    }

    public InvalidInput(String code, String detail) {
        super(code, detail);
    }
}
