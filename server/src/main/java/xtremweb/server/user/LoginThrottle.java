package xtremweb.server.user;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import xtremweb.server.refusal.TooManyAttempts;

/**
 * Slows down password guessing: after a few failed logins for one login, or more for one address,
 * further attempts are refused for a delay that doubles with each failure (up to {@link #MAX_DELAY}).
 * Kept in memory, per server process: a restart or another server behind the same balancer starts
 * counting afresh, which still bounds guessing to a handful of tries per second per process.
 *
 * <p>An address the login's password was given from lately ({@link #KNOWN_FOR}) is not held back
 * by failures from elsewhere: its own failures for that login count instead. Otherwise anybody
 * knowing a login (admin, the workers' shared account) kept it locked out with one wrong password
 * every five minutes, from any address, and its workers could not register any more.
 */
final class LoginThrottle {
    static final int FREE_FAILURES_PER_LOGIN = 5;
    static final int FREE_FAILURES_PER_ADDRESS = 20;
    static final Duration MAX_DELAY = Duration.ofMinutes(5);
    private static final Duration FORGET_AFTER = Duration.ofHours(1);
    private static final int MAX_ENTRIES = 100_000;
    /** How long an address that logged in stays known for that login. */
    static final Duration KNOWN_FOR = Duration.ofDays(30);

    private record Failures(int count, Instant last, Instant blockedUntil) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    /** (login, address) pairs of successful logins, and when the last was. */
    private final Map<String, Instant> knownAddresses = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Refuses the attempt (429) while the login or the address is blocked. */
    void check(String login, String address) {
        Instant now = clock.instant();
        String byLogin = known(login, address, now) ? pairKey(login, address) : loginKey(login);
        for (String key : new String[] {byLogin, "address:" + address}) {
            Failures f = failures.get(key);
            if (f != null && f.blockedUntil() != null && now.isBefore(f.blockedUntil())) {
                long seconds = Math.max(1, Duration.between(now, f.blockedUntil()).toSeconds());
                throw new TooManyAttempts(Duration.ofSeconds(seconds), "too many failed logins for this "
                        + (key.startsWith("address:") ? "address" : "login") + "; try again in " + seconds + " s");
            }
        }
    }

    /** Addresses whose logins are refused right now. */
    long blockedAddresses() {
        Instant now = clock.instant();
        return failures.entrySet().stream().filter(e -> e.getKey().startsWith("address:") && e.getValue().blockedUntil() != null
                && now.isBefore(e.getValue().blockedUntil())).count();
    }

    void failed(String login, String address) {
        Instant now = clock.instant();
        if (failures.size() > MAX_ENTRIES) {
            failures.values().removeIf(f -> f.last().plus(FORGET_AFTER).isBefore(now));
        }
        count(loginKey(login), FREE_FAILURES_PER_LOGIN, now);
        count(pairKey(login, address), FREE_FAILURES_PER_LOGIN, now);
        count("address:" + address, FREE_FAILURES_PER_ADDRESS, now);
    }

    /** The login's password was given from this address: the address is known for it from now on. */
    void succeeded(String login, String address) {
        Instant now = clock.instant();
        failures.remove(pairKey(login, address));
        // A login blocked by others' failures stays so for the other addresses: a guesser gets no fresh tries from it.
        failures.computeIfPresent(loginKey(login), (k, f) -> f.blockedUntil() != null && now.isBefore(f.blockedUntil()) ? f : null);
        if (knownAddresses.size() > MAX_ENTRIES) {
            knownAddresses.values().removeIf(last -> last.plus(KNOWN_FOR).isBefore(now));
        }
        knownAddresses.put(pairKey(login, address), now);
    }

    private boolean known(String login, String address, Instant now) {
        Instant last = knownAddresses.get(pairKey(login, address));
        return last != null && now.isBefore(last.plus(KNOWN_FOR));
    }

    private static String pairKey(String login, String address) {
        return "pair:" + address + " " + login.toLowerCase(Locale.ROOT);
    }

    /** One count per account: logins are one name whatever their capitals ({@code ADMIN} is {@code admin}). */
    private static String loginKey(String login) {
        return "login:" + login.toLowerCase(Locale.ROOT);
    }

    private void count(String key, int free, Instant now) {
        failures.compute(key, (k, old) -> {
            int count = old == null || old.last().plus(FORGET_AFTER).isBefore(now) ? 1 : old.count() + 1;
            Instant blockedUntil = null;
            if (count >= free) {
                long seconds = Math.min(MAX_DELAY.toSeconds(), 1L << Math.min(20, count - free));
                blockedUntil = now.plusSeconds(seconds);
            }
            return new Failures(count, now, blockedUntil);
        });
    }
}
