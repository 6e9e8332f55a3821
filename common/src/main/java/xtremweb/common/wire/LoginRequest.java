package xtremweb.common.wire;

/** {@code POST /api/v1/login}. The password travels once, over TLS; later calls carry the token. */
public record LoginRequest(String login, String password) {
    public LoginRequest {
        if (login == null || login.isBlank()) {
            throw new IllegalArgumentException("login is required");
        }
        if (password == null) {
            throw new IllegalArgumentException("password is required");
        }
    }

    @Override
    public String toString() {
        return "LoginRequest[login=" + login + ", password=***]";
    }
}
