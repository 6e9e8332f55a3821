package xtremweb.worker.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import xtremweb.common.config.XwConfig;
import xtremweb.worker.activator.Activator;
import xtremweb.worker.activator.ActivatorSettings;
import xtremweb.worker.activator.Activators;
import xtremweb.worker.server.StopSignal;
import xtremweb.worker.task.JobControl;

class ActivationTest {
    private Instant now = Instant.parse("2026-11-22T10:00:00Z");
    private boolean allowed = true;
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    /** Records what the activation does to the jobs; one job is running. */
    private static final class Jobs implements JobControl {
        boolean suspended;
        int givenBack;

        @Override
        public int suspendAll() {
            suspended = true;
            return 1;
        }

        @Override
        public int resumeAll() {
            suspended = false;
            return 1;
        }

        @Override
        public int giveBackAll() {
            givenBack++;
            return 1;
        }
    }

    private final Jobs jobs = new Jobs();
    private final Activator policy = new Activator() {
        @Override
        public boolean mayCompute() {
            return allowed;
        }

        @Override
        public String reason() {
            return allowed ? "allowed" : "owner busy";
        }
    };
    private final Activation activation = new Activation(policy, jobs, clock, Duration.ofSeconds(5), Duration.ofMinutes(10),
            new StopSignal());

    @Test
    void takingTheMachineBackSuspendsTheJobsAndGivingItBackResumesThem() {
        activation.tick();
        assertThat(activation.active()).isTrue();

        allowed = false;
        activation.tick();
        assertThat(activation.active()).isFalse();
        assertThat(jobs.suspended).isTrue();

        allowed = true;
        activation.tick();
        assertThat(activation.active()).isTrue();
        assertThat(jobs.suspended).isFalse();
    }

    @Test
    void aWorkerStartingOutsideThePolicyWaitsWithoutAskingForWork() {
        allowed = false;
        activation.tick();
        assertThat(activation.active()).isFalse();
    }

    @Test
    void jobsSuspendedOverTheLimitAreGivenBackAndTheLimitStartsAgain() {
        activation.tick();
        allowed = false;
        activation.tick();
        now = now.plus(Duration.ofMinutes(9));
        activation.tick();
        assertThat(jobs.givenBack).isZero();

        now = now.plus(Duration.ofMinutes(1));
        activation.tick();
        assertThat(jobs.givenBack).isEqualTo(1);

        now = now.plus(Duration.ofMinutes(1));
        activation.tick();
        assertThat(jobs.givenBack).isEqualTo(1);
    }
    /** A worker's clock set back a day while its jobs were suspended held them (and their works) for that day. */
    @Test
    void aClockSetBackWhileJobsAreSuspendedDoesNotHoldThemPastTheLimit() {
        activation.tick();
        allowed = false;
        activation.tick();
        now = now.minus(Duration.ofDays(1));
        activation.tick();
        assertThat(jobs.givenBack).isZero();

        now = now.plus(Duration.ofMinutes(10));
        activation.tick();
        assertThat(jobs.givenBack).isEqualTo(1);
    }

    @Test
    void noWorkIsAskedForBeforeThePolicysFirstDecision() {
        allowed = false;
        assertThat(activation.active()).as("undecided").isFalse();

        activation.decideFirst();

        assertThat(activation.active()).isFalse();
    }

    @Test
    void aWorkerStartedOutsideItsDateWindowWaitsAndComputesWhenTheWindowOpens() {
        now = Instant.parse("2026-11-22T09:59:59Z");
        ActivatorSettings settings = ActivatorSettings.from(XwConfig.of(Map.of("activator.class", "DateActivator",
                "activator.date", "* 10"), "test", Path.of(".")));
        Activation dated = new Activation(Activators.create(settings, clock, Set::of), jobs, clock, Duration.ofSeconds(5),
                Duration.ofMinutes(10), new StopSignal());

        dated.decideFirst();
        assertThat(dated.active()).as("09:59:59, outside \"* 10\"").isFalse();

        now = Instant.parse("2026-11-22T10:00:00Z");
        dated.tick();
        assertThat(dated.active()).as("10:00:00").isTrue();
    }

    @Test
    void theVerdictKeepsTheReasonOfTheDecisionThatChangedSomething() {
        activation.decideFirst();
        assertThat(activation.verdict().orElseThrow().reason()).isEqualTo("allowed");

        allowed = false;
        now = now.plusSeconds(5);
        activation.tick();
        assertThat(activation.verdict().orElseThrow()).satisfies(v -> {
            assertThat(v.mayCompute()).isFalse();
            assertThat(v.reason()).isEqualTo("owner busy");
            assertThat(v.since()).isEqualTo(now);
        });
        Instant since = now;

        now = now.plusSeconds(5);
        activation.tick();
        assertThat(activation.verdict().orElseThrow().since()).as("no change, no new verdict").isEqualTo(since);
    }

    @Test
    void aPolicyThatCannotTakeItsFirstDecisionLetsTheWorkerComputeAsBefore() {
        Activation failing = new Activation(() -> {
            throw new IllegalStateException("no CPU counters here");
        }, jobs, clock, Duration.ofSeconds(5), Duration.ofMinutes(10), new StopSignal());

        failing.decideFirst();

        assertThat(failing.active()).isTrue();
    }
}
