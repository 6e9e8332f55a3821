package xtremweb.server.refusal;

/** Well-formed but not usable as it is (a checksum that differs, an app without a binary). */
public final class Unprocessable extends Refusal {
    private static final long serialVersionUID = 1L;

    public Unprocessable(String detail) {
        super("unprocessable", detail);
    }

    public Unprocessable(String code, String detail) {
        super(code, detail);
    }
}
