package xtremweb.server.user;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xtremweb.common.wire.LoginRequest;
import xtremweb.common.wire.TokenResponse;
import xtremweb.server.cache.TtlCache;
import xtremweb.server.db.Column;
import xtremweb.server.db.Jdbc;
import xtremweb.server.metrics.GridMetrics;
import xtremweb.server.policy.Caller;
import xtremweb.server.refusal.TooManyAttempts;
import xtremweb.server.refusal.Unauthenticated;

/** Logs users in with a password and resolves their bearer tokens ({@code xwu_...}). */
public final class Sessions {
    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);
    public static final String TOKEN_PREFIX = "xwu_";
    // One sentence for unknown login and wrong password, so answers do not reveal which logins exist.
    private static final String BAD_LOGIN = "wrong login or password";
    /**
     * How long a checked token is trusted without reading the database again. Revocations made by
     * this server (logout, user deletion, host re-registration) apply at once; those made by another
     * server sharing the database within this delay.
     */
    public static final Duration CACHE_TTL = Duration.ofSeconds(30);
    // Room for every host of a large grid plus its users' sessions.
    private static final int CACHE_MAX = 200_000;
    private final Jdbc jdbc;
    private final UserRepository users;
    private final TokenRepository tokens;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final Duration ttl;
    // Verifying against a real hash when the login is unknown keeps both answers equally slow.
    private final String decoyHash;
    private final LoginThrottle throttle;
    private final TtlCache<String, Caller> callers;
    /** The tokens issued lately, for {@link #remembered} only. */
    private final TtlCache<String, Caller> issued;
    private final GridMetrics metrics;

    public Sessions(Jdbc jdbc, UserRepository users, TokenRepository tokens, PasswordHasher hasher, Clock clock, Duration ttl,
                    GridMetrics metrics) {
        this.metrics = metrics;
        this.jdbc = jdbc;
        this.users = users;
        this.tokens = tokens;
        this.hasher = hasher;
        this.clock = clock;
        this.ttl = ttl;
        this.decoyHash = hasher.hash(Secrets.random(16));
        this.throttle = new LoginThrottle(clock);
        this.callers = new TtlCache<>("tokens", CACHE_TTL, CACHE_MAX, clock);
        this.issued = new TtlCache<>(CACHE_TTL, CACHE_MAX, clock);
        metrics.gauge("logins.blocked.addresses", "addresses refused logins now (too many failures)", () -> throttle.blockedAddresses());
    }

    public TokenResponse login(LoginRequest request, String address) {
        // No account has a longer login: refused before it is counted (and kept) by the throttle.
        Column.USER_LOGIN.name("login", request.login());
        try {
            throttle.check(request.login(), address);
        } catch (TooManyAttempts e) {
            metrics.loginThrottled();
            throw e;
        }
        Optional<UserRow> user = jdbc.tx("find user", c -> users.byLogin(c, request.login()));
        boolean ok = hasher.verify(request.password(), user.map(UserRow::passwordHash).orElse(decoyHash));
        if (user.isEmpty() || !ok) {
            throttle.failed(request.login(), address);
            metrics.loginFailed();
            // An unknown "login" may be a password typed in the wrong field: only known logins are logged.
            LOG.info("failed login for {} from {}", user.isPresent() ? "'" + printable(request.login()) + "'" : "an unknown login",
                    address);
            throw new Unauthenticated(BAD_LOGIN);
        }
        throttle.succeeded(request.login(), address);
        String token = TOKEN_PREFIX + Secrets.random(32);
        Instant now = clock.instant();
        Instant expires = now.plus(ttl);
        UserRow u = user.get();
        store(token, u, now, expires);
        return new TokenResponse(token, expires, u.uid(), u.login(), u.rights());
    }

    /**
     * A token for a user whose identity was proved without a password (by a certificate), expiring
     * after {@code token.ttl} or at {@code notAfter}, whichever comes first: a session never outlives
     * the certificate or proxy it was opened with.
     */
    public TokenResponse issue(UserRow user, Instant notAfter) {
        String token = TOKEN_PREFIX + Secrets.random(32);
        Instant now = clock.instant();
        Instant expires = now.plus(ttl).isAfter(notAfter) ? notAfter : now.plus(ttl);
        store(token, user, now, expires);
        return new TokenResponse(token, expires, user.uid(), user.login(), user.rights());
    }

    /**
     * Stores a new token, and notes its caller once committed: the token then goes through even from
     * an address refused database look-ups for its unknown tokens (FailedTokens), as a user logging
     * in behind the same NAT or balancer as a token sprayer. Its first call still reads the database.
     */
    private void store(String token, UserRow user, Instant now, Instant expires) {
        String hash = Secrets.sha256Hex(token);
        jdbc.tx("store token", c -> {
            tokens.insert(c, hash, user.uid(), now, expires);
            Jdbc.afterCommit(() -> issued.put(hash, user.caller(), expires));
            return null;
        });
    }

    /** Revokes the token (logout); later calls with it get 401. */
    public void logout(String token) {
        String hash = Secrets.sha256Hex(token);
        jdbc.tx("revoke token", c -> tokens.revoke(c, hash));
        callers.remove(hash);
        issued.remove(hash);
    }

    /** Revokes every token of a user, e.g. when the user is deleted. */
    public int revokeAll(Connection c, String userUid) throws SQLException {
        return tokens.revokeAll(c, userUid);
    }

    // A login is chosen by whoever calls; keep log lines one line of printable text.
    private static String printable(String text) {
        String cut = text.length() > 100 ? text.substring(0, 100) : text;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }

    /** The caller a user token stands for; from memory when it was checked less than {@link #CACHE_TTL} ago. */
    public Optional<Caller> resolve(String token) {
        if (!token.startsWith(TOKEN_PREFIX)) {
            return Optional.empty();
        }
        String hash = Secrets.sha256Hex(token);
        Optional<Caller> cached = callers.get(hash);
        if (cached.isPresent()) {
            return cached;
        }
        Instant now = clock.instant();
        return jdbc.tx("resolve token", c -> {
            Optional<TokenRepository.Valid> valid = tokens.valid(c, hash, now);
            if (valid.isEmpty()) {
                return Optional.<Caller>empty();
            }
            Optional<Caller> caller = users.byUid(c, valid.get().userUid()).map(UserRow::caller);
            // Remembered once committed: nothing in memory comes from an attempt rolled back (and run again).
            caller.ifPresent(found -> Jdbc.afterCommit(() -> callers.put(hash, found, valid.get().expires())));
            return caller;
        });
    }

    /** The caller of a user token resolved less than {@link #CACHE_TTL} ago, from memory only. */
    public Optional<Caller> remembered(String token) {
        if (!token.startsWith(TOKEN_PREFIX)) {
            return Optional.empty();
        }
        String hash = Secrets.sha256Hex(token);
        return callers.get(hash).or(() -> issued.get(hash));
    }

    /**
     * Forgets the resolved tokens of a user (user tokens and its hosts' tokens): call it after
     * committing a change to what they stand for, like the user's deletion.
     */
    public void forgetUser(String userUid) {
        callers.removeIf(caller -> caller.userUid().equals(userUid));
        issued.removeIf(caller -> caller.userUid().equals(userUid));
    }

    /** The resolved tokens of users and hosts, shared with the host tokens' resolver. */
    public TtlCache<String, Caller> callers() {
        return callers;
    }

    public Optional<UserRow> user(String uid) {
        return jdbc.tx("find user", c -> users.byUid(c, uid));
    }
}
