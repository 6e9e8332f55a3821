package xtremweb.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlannerTest {
    private final Planner planner = new Planner(10, 4, 2);

    @Test
    void pendingWorksGetPilotsForTheirCpusWithinThePerRoundBatchAndTheMaximum() {
        assertThat(planner.decide(3, 0, 0)).isEqualTo(new Planner.Decision(2, 0));
        assertThat(planner.decide(200, 0, 0)).isEqualTo(new Planner.Decision(4, 0));
        assertThat(planner.decide(200, 4, 4)).isEqualTo(new Planner.Decision(2, 0));
        assertThat(planner.decide(200, 2, 8)).isEqualTo(new Planner.Decision(0, 0));
    }

    @Test
    void pilotsAlreadyQueuedOrRunningCountSoTheSameNeedIsNeverSubmittedTwice() {
        assertThat(planner.decide(8, 4, 0)).isEqualTo(new Planner.Decision(0, 0));
        assertThat(planner.decide(8, 1, 3)).isEqualTo(new Planner.Decision(0, 0));
        assertThat(planner.decide(9, 1, 3)).isEqualTo(new Planner.Decision(1, 0));
    }

    @Test
    void queuedPilotsNoWorkNeedsAreCancelledAllOfThemWhenTheQueueDrains() {
        assertThat(planner.decide(0, 3, 2)).isEqualTo(new Planner.Decision(0, 3));
        assertThat(planner.decide(2, 3, 0)).isEqualTo(new Planner.Decision(0, 2));
        // Running pilots are never cancelled by the bridge: they leave on their own once idle.
        assertThat(planner.decide(0, 0, 5)).isEqualTo(new Planner.Decision(0, 0));
    }
}
