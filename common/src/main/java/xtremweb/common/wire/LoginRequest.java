package xtremweb.common.wire;

/** {@code POST /api/v1/login}. The password travels once, over TLS; later calls carry the token. */
public record LoginRequest(String login, String password) {
    /** Passwords are hashed; this bounds what one login makes the server hash. */
    public static final int MAX_PASSWORD_CHARS = 1024;

    public LoginRequest {
        if (login == null || login.isBlank()) {
            throw new IllegalArgumentException("login is required");
        }
        if (password == null) {
            throw new IllegalArgumentException("password is required");
        }
        if (password.length() > MAX_PASSWORD_CHARS) {
            throw new IllegalArgumentException("a password is at most " + MAX_PASSWORD_CHARS + " characters");
        }
    }

    @Override
    public String toString() {
        return "LoginRequest[login=" + login + ", password=***]";
    }
}
