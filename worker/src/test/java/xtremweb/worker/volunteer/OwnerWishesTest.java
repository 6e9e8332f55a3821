package xtremweb.worker.volunteer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import xtremweb.common.config.XwConfig;
import xtremweb.common.volunteer.OwnerControl;
import xtremweb.worker.activator.ActivatorSettings;
import xtremweb.worker.activator.Activators;
import xtremweb.worker.loop.Activation;
import xtremweb.worker.server.StopSignal;
import xtremweb.worker.task.JobControl;

class OwnerWishesTest {
    // A Sunday at 10:00 UTC.
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private final ActivatorSettings configured = ActivatorSettings.from(XwConfig.of(Map.of(), "worker.conf", Path.of(".")));
    private final Activation activation = new Activation(Activators.create(configured, clock, Set::of), new NoJobs(), clock,
            Duration.ofSeconds(5), Duration.ofMinutes(10), new StopSignal());
    private final OwnerWishes wishes = new OwnerWishes(configured, s -> Activators.create(s, clock, Set::of), activation,
            Path.of("volunteer/control.json"));

    @Test
    void aPauseIsTakenOnceAndAResumeUndoesIt() {
        wishes.take(OwnerControl.NONE);
        assertThat(wishes.paused()).isFalse();
        assertThat(wishes.revision()).isZero();

        wishes.take(new OwnerControl(1, true, null, null));
        assertThat(wishes.paused()).isTrue();
        assertThat(wishes.revision()).isEqualTo(1);

        wishes.take(new OwnerControl(2, false, null, null));
        assertThat(wishes.paused()).isFalse();
        assertThat(wishes.revision()).isEqualTo(2);
        assertThat(wishes.problem()).isNull();
    }

    @Test
    void aWorkerItsOwnerPausedStartsPaused() {
        wishes.take(new OwnerControl(7, true, null, null));

        assertThat(wishes.paused()).isTrue();
    }

    @Test
    void thePolicyTheOwnerChoosesReplacesTheConfigurationFilesAndItsVerdictFollows() {
        activation.decideFirst();
        assertThat(activation.active()).isTrue();
        assertThat(activation.verdict().orElseThrow().reason()).isEqualTo("always allowed");

        wishes.take(new OwnerControl(1, false, "DateActivator", "Mon-Fri 18-7"));

        assertThat(activation.policy()).isEqualTo("DateActivator(\"Mon-Fri 18-7\")");
        assertThat(activation.active()).as("Sunday is not Mon-Fri").isFalse();
        assertThat(activation.verdict().orElseThrow()).satisfies(v -> {
            assertThat(v.mayCompute()).isFalse();
            assertThat(v.reason()).isEqualTo("local time 2026-11-22T10:00 is not in activator.date \"Mon-Fri 18-7\"");
        });
        assertThat(wishes.ownPolicy()).isTrue();
        assertThat(wishes.policy().policies()).isEqualTo(List.of("DateActivator"));

        wishes.take(new OwnerControl(2, false, null, null));

        assertThat(activation.policy()).isEqualTo("AlwaysActive");
        assertThat(activation.active()).isTrue();
        assertThat(wishes.ownPolicy()).isFalse();
    }

    @Test
    void aPolicyTheWorkerCannotUseIsRefusedWithASentenceAndThePreviousOneStays() {
        activation.decideFirst();

        wishes.take(new OwnerControl(3, false, "DateActivator", "Mon-Fri 25"));

        assertThat(activation.policy()).isEqualTo("AlwaysActive");
        assertThat(activation.active()).isTrue();
        assertThat(wishes.revision()).as("taken, though refused: the window must hear the answer").isEqualTo(3);
        assertThat(wishes.problem()).startsWith("The worker keeps the activation policy AlwaysActive: ")
                .contains("25", "chosen in the volunteer's window").endsWith(".");

        wishes.take(new OwnerControl(4, false, "NoSuchActivator", null));
        assertThat(wishes.problem()).contains("NoSuchActivator", "AlwaysActive, DateActivator, CpuActivator");

        wishes.take(new OwnerControl(5, true, null, null));
        assertThat(wishes.problem()).isNull();
        assertThat(wishes.paused()).isTrue();
    }

    private static final class NoJobs implements JobControl {
        @Override
        public int suspendAll() {
            return 0;
        }

        @Override
        public int resumeAll() {
            return 0;
        }

        @Override
        public int giveBackAll() {
            return 0;
        }
    }
}
