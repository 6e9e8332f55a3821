package xtremweb.common.wire;

import xtremweb.common.model.UserRights;
import xtremweb.common.x509.DistinguishedNames;

/**
 * {@code POST /api/v1/users} (SUPER_USER only): a new account. {@code usergroup} is a user group
 * label or UID, or null for none. The password travels once, over TLS, and is stored hashed.
 * {@code dn}, optional, is the subject of the certificate that logs the user in without a password,
 * in the slash form ({@code /DC=org/DC=example/CN=Jane Doe}) or RFC 2253 ({@code CN=Jane Doe,DC=example,DC=org}),
 * kept in the canonical slash form; with a DN the password may be left out (null): the user then
 * logs in by certificate only.
 */
public record UserCreate(String login, String password, String email, UserRights rights, String usergroup, String dn) {
    public UserCreate(String login, String password, String email, UserRights rights, String usergroup) {
        this(login, password, email, rights, usergroup, null);
    }

    /** Letters, digits and {@code . _ @ -}: what a login may contain, nothing a shell or SQL would interpret. */
    public static final String LOGIN_PATTERN = "[A-Za-z0-9][A-Za-z0-9._@-]{0,99}";

    public UserCreate {
        if (login == null || !login.matches(LOGIN_PATTERN)) {
            throw new IllegalArgumentException("a login is 1 to 100 ASCII letters (a-z, A-Z: no accents), digits, '.', '_', '@'"
                    + " or '-', starting with a letter or digit; got '" + login + "'");
        }
        if (dn != null) {
            dn = DistinguishedNames.parse(dn);
        }
        if (password == null && dn == null) {
            throw new IllegalArgumentException("a user needs a password, a certificate DN (dn), or both");
        }
        if (password != null && (password.length() < 8 || password.length() > LoginRequest.MAX_PASSWORD_CHARS)) {
            throw new IllegalArgumentException("a password is 8 to " + LoginRequest.MAX_PASSWORD_CHARS + " characters");
        }
        if (rights == null) {
            throw new IllegalArgumentException("a user needs rights: one of NONE, WORKER_USER, STANDARD_USER, ADVANCED_USER, SUPER_USER");
        }
        if (email != null) {
            requireEmail(email);
        }
    }

    /**
     * The shape of an e-mail address, {@code local@domain}: one '@', something on each side, no blank
     * nor control character, the domain's dots between labels. Whether the address exists is not checked.
     */
    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile(
            "[^@\\s\\p{Cntrl}]+@[^@.\\s\\p{Cntrl}]+(\\.[^@.\\s\\p{Cntrl}]+)*");

    /** Refuses, in a sentence naming it, an e-mail address too long or not of the shape {@code local@domain}. */
    public static void requireEmail(String email) {
        if (email.length() > 255) {
            throw new IllegalArgumentException("an email address is at most 255 characters");
        }
        if (!EMAIL.matcher(email).matches()) {
            throw new IllegalArgumentException("'" + email + "' is not an email address: write it as local@domain,"
                    + " like jane@example.org (or leave it out)");
        }
    }

    @Override
    public String toString() {
        return "UserCreate[login=" + login + ", rights=" + rights + ", usergroup=" + usergroup + ", dn=" + dn + ", password=***]";
    }
}
