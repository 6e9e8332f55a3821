package xtremweb.worker.activator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class CpuActivatorTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private double load;
    private final CpuActivator activator = new CpuActivator(() -> load, clock, 50, 10, Duration.ofSeconds(30));

    private boolean sampleAfter(int seconds, double ownerLoad) {
        clock.advance(Duration.ofSeconds(seconds));
        load = ownerLoad;
        return activator.mayCompute();
    }

    @Test
    void computesWhileTheOwnerUsesLessThanCpuload() {
        assertThat(sampleAfter(5, 0)).isTrue();
        assertThat(sampleAfter(5, 50)).isTrue();
    }

    @Test
    void stopsAtOnceWhenTheOwnerUsesMoreThanCpuload() {
        assertThat(sampleAfter(5, 51)).isFalse();
        assertThat(activator.reason()).contains("51%").contains("stop above 50%");
    }

    @Test
    void resumesOnlyAfterTheLoadStayedLowForTheWholeDelay() {
        sampleAfter(5, 90);
        assertThat(sampleAfter(5, 10)).isFalse();
        assertThat(sampleAfter(20, 10)).isFalse();
        assertThat(sampleAfter(10, 10)).isTrue();
    }

    /** A clock set back a day while the machine waited for calm kept it from computing for that day. */
    @Test
    void aClockSetBackDuringTheDelayDoesNotHoldTheMachineForTheJump() {
        sampleAfter(5, 90);
        assertThat(sampleAfter(5, 10)).isFalse();
        clock.advance(Duration.ofDays(-1));
        assertThat(sampleAfter(5, 10)).isFalse();
        assertThat(sampleAfter(30, 10)).isTrue();
    }

    @Test
    void aBurstDuringTheDelayStartsTheDelayAgain() {
        sampleAfter(5, 90);
        sampleAfter(5, 10);
        sampleAfter(20, 45);
        assertThat(sampleAfter(15, 10)).isFalse();
        assertThat(sampleAfter(29, 10)).isFalse();
        assertThat(sampleAfter(1, 10)).isTrue();
    }

    @Test
    void aLoadJustUnderCpuloadDoesNotResumeThanksToTheHysteresis() {
        sampleAfter(5, 90);
        // 45% is under cpuload (50) but not under cpuload - hysteresis (40): no flapping around the threshold
        for (int i = 0; i < 20; i++) {
            assertThat(sampleAfter(10, 45)).isFalse();
        }
        sampleAfter(10, 39);
        assertThat(sampleAfter(30, 39)).isTrue();
    }
}
