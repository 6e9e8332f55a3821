package xtremweb.worker.pilot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import xtremweb.worker.server.StopSignal;

class PilotLifetimeTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    // Lives 1 h, leaves after 5 min idle, drains 10 min before its end, gives back 2 min before.
    private static final PilotConfig TIMES = new PilotConfig("h", 1, Path.of("c"), Path.of("g"), "xwp_x", "c1", Duration.ofHours(1),
            Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofDays(1), true);
    private final PilotLifetime lifetime = new PilotLifetime(START, TIMES, Clock.systemUTC(), () -> Duration.ZERO, new StopSignal(),
            why -> { });

    private PilotLifetime.Phase at(Duration sinceStart, Duration idle) {
        return lifetime.phase(START.plus(sinceStart), idle);
    }

    @Test
    void aBusyPilotWorksUntilTheDrainThenGivesBackBeforeItsTimeLimit() {
        assertThat(lifetime.end()).isEqualTo(START.plus(Duration.ofHours(1)));
        assertThat(at(Duration.ofMinutes(49), Duration.ZERO)).isEqualTo(PilotLifetime.Phase.WORK);
        assertThat(at(Duration.ofMinutes(50), Duration.ZERO)).isEqualTo(PilotLifetime.Phase.DRAIN);
        assertThat(at(Duration.ofMinutes(57).minusSeconds(1), Duration.ZERO)).isEqualTo(PilotLifetime.Phase.DRAIN);
        assertThat(at(Duration.ofMinutes(58), Duration.ZERO)).isEqualTo(PilotLifetime.Phase.GIVE_BACK);
    }

    @Test
    void anIdlePilotLeavesAfterTheIdlePeriodAndADrainingOneAsSoonAsNothingRuns() {
        assertThat(at(Duration.ofMinutes(10), Duration.ofMinutes(4))).isEqualTo(PilotLifetime.Phase.WORK);
        assertThat(at(Duration.ofMinutes(10), Duration.ofMinutes(5))).isEqualTo(PilotLifetime.Phase.IDLE);
        assertThat(at(Duration.ofMinutes(51), Duration.ofSeconds(2))).isEqualTo(PilotLifetime.Phase.IDLE);
    }
}
