package xtremweb.common.http;

/** The server refused a call; {@code code} is the problem's stable code, {@code detail} its sentence. */
public final class XwApiException extends RuntimeException {
    private final int status;
    private final String code;

    public XwApiException(int status, String code, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
