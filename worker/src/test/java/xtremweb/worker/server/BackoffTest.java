package xtremweb.worker.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void eachDelayLiesBetweenHalfItsStepAndTheStepWhichDoublesUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), new Random(7));
        long[] steps = {1, 2, 4, 8, 16, 30, 30, 30};
        for (long step : steps) {
            Duration d = backoff.next();
            assertThat(d).isBetween(Duration.ofMillis(step * 500), Duration.ofSeconds(step));
            assertThat(backoff.current()).isEqualTo(d);
        }
        backoff.reset();
        assertThat(backoff.next()).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void workersThatLostTheServerTogetherDoNotComeBackInTheSameSecond() {
        // A thousand workers at their fourth attempt (an 8 s step): spread over four seconds.
        Random random = new Random(42);
        Set<Long> seconds = new HashSet<>();
        for (int worker = 0; worker < 1000; worker++) {
            Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), random);
            Duration d = Duration.ZERO;
            for (int attempt = 0; attempt < 4; attempt++) {
                d = backoff.next();
            }
            seconds.add(d.toSeconds());
        }
        assertThat(seconds).contains(4L, 5L, 6L, 7L).allMatch(s -> s >= 4 && s <= 8);
    }

    @Test
    void aReasonEndingInAQuestionIsFollowedByANewSentenceNotBySemicolon() {
        String refused = "cannot connect to the server at https://grid:4323; is it running, and are dispatcher.servers"
                + " and port.https right?";
        assertThat(Backoff.retrying(refused, Duration.ofSeconds(2)))
                .isEqualTo(refused + " Retrying in 2 s")
                .doesNotContain("?;");
        assertThat(Backoff.retrying("the server at https://grid:4323 did not answer in time", Duration.ofSeconds(4)))
                .isEqualTo("the server at https://grid:4323 did not answer in time; retrying in 4 s");
    }

    @Test
    void aDelayBelowOneSecondIsNotSaidAsZeroSeconds() {
        assertThat(Backoff.retrying("the server at https://grid:4323 did not answer in time", Duration.ofMillis(800)))
                .endsWith("; retrying in 1 s");
        assertThat(Backoff.retrying("the server at https://grid:4323 did not answer in time", Duration.ofMillis(4200)))
                .endsWith("; retrying in 4 s");
        assertThat(Backoff.retrying("the server at https://grid:4323 did not answer in time", Duration.ZERO))
                .endsWith("; retrying in 0 s");
    }
}
