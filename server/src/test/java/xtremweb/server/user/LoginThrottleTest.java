package xtremweb.server.user;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import xtremweb.server.MutableClock;
import xtremweb.server.refusal.TooManyAttempts;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void aLoginIsBlockedAfterFiveFailuresForADelayThatDoubles() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES_PER_LOGIN; i++) {
            assertThatCode(() -> throttle.check("alice", "10.0.0." + 1)).doesNotThrowAnyException();
            throttle.failed("alice", "10.0.0.1");
        }
        assertThatThrownBy(() -> throttle.check("alice", "10.0.0.2")).isInstanceOfSatisfying(TooManyAttempts.class,
                e -> org.assertj.core.api.Assertions.assertThat(e.retryAfter()).isPositive());
        assertThatCode(() -> throttle.check("bob", "10.0.0.2")).doesNotThrowAnyException();
        clock.advance(Duration.ofSeconds(1));
        assertThatCode(() -> throttle.check("alice", "10.0.0.2")).doesNotThrowAnyException();
        throttle.failed("alice", "10.0.0.2");
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> throttle.check("alice", "10.0.0.2")).hasMessageContaining("try again in 1 s");
        clock.advance(Duration.ofSeconds(1));
        throttle.succeeded("alice", "10.0.0.2");
        assertThatCode(() -> throttle.check("alice", "10.0.0.2")).doesNotThrowAnyException();
    }

    @Test
    void anAddressGuessingManyLoginsIsBlockedToo() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES_PER_ADDRESS; i++) {
            throttle.failed("user" + i, "10.9.9.9");
        }
        assertThatThrownBy(() -> throttle.check("someone-new", "10.9.9.9")).hasMessageContaining("for this address");
        assertThatCode(() -> throttle.check("someone-new", "10.9.9.8")).doesNotThrowAnyException();
    }

    @Test
    void theDelayNeverExceedsTheMaximum() {
        for (int i = 0; i < 60; i++) {
            throttle.failed("alice", "10.0.0." + i);
        }
        clock.advance(LoginThrottle.MAX_DELAY.plus(Duration.ofSeconds(1)));
        assertThatCode(() -> throttle.check("alice", "10.0.0.200")).doesNotThrowAnyException();
    }

    @Test
    void theCapitalsOfALoginDoNotBuyMoreGuesses() {
        // ADMIN logs in as admin: each spelling counting apart gave 5 guesses per spelling (2^5 for "admin").
        for (String spelling : new String[] {"admin", "ADMIN", "Admin", "aDmin", "adMin"}) {
            throttle.failed(spelling, "10.0.1." + spelling.hashCode() % 200);
        }
        for (String spelling : new String[] {"admin", "ADMIN", "AdMiN"}) {
            assertThatThrownBy(() -> throttle.check(spelling, "10.0.2.1")).as(spelling).isInstanceOf(TooManyAttempts.class);
        }
        throttle.succeeded("ADMIN", "10.0.2.1");
        assertThatCode(() -> throttle.check("admin", "10.0.2.1")).doesNotThrowAnyException();
    }

    @Test
    void failuresFromElsewhereDoNotLockALoginOutOfAnAddressItLoggedInFrom() {
        throttle.succeeded("worker", "10.0.0.1");
        // Someone else knows the login: one wrong password each time the delay ends, up to the longest delay.
        for (int i = 0; i < 30; i++) {
            throttle.failed("worker", "10.6.6." + i);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThatThrownBy(() -> throttle.check("worker", "10.6.6.99")).hasMessageContaining("for this login");
        // The address the login's password was given from is not held back by them...
        assertThatCode(() -> throttle.check("worker", "10.0.0.1")).doesNotThrowAnyException();
        throttle.succeeded("worker", "10.0.0.1");
        // ... and its success gives the guessers no fresh tries.
        assertThatThrownBy(() -> throttle.check("worker", "10.6.6.99")).hasMessageContaining("for this login");
        // Guessing from the known address itself is slowed down as anywhere else.
        for (int i = 0; i < LoginThrottle.FREE_FAILURES_PER_LOGIN; i++) {
            throttle.failed("worker", "10.0.0.1");
        }
        assertThatThrownBy(() -> throttle.check("worker", "10.0.0.1")).hasMessageContaining("for this login");
        // Known for a while, not forever.
        throttle.succeeded("other", "10.0.0.3");
        clock.advance(LoginThrottle.KNOWN_FOR.plus(Duration.ofSeconds(1)));
        for (int i = 0; i < LoginThrottle.FREE_FAILURES_PER_LOGIN; i++) {
            throttle.failed("other", "10.7.7." + i);
        }
        assertThatThrownBy(() -> throttle.check("other", "10.0.0.3")).hasMessageContaining("for this login");
    }
}
