package xtremweb.server.refusal;

/** A part asked for lies outside the content. */
public final class RangeNotSatisfiable extends Refusal {
    private static final long serialVersionUID = 1L;

    public RangeNotSatisfiable(String detail) {
        super("range-not-satisfiable", detail);
    }

    public RangeNotSatisfiable(String code, String detail) {
        super(code, detail);
    }
}
