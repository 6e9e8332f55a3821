package xtremweb.worker.activator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import xtremweb.common.config.ConfigException;
import xtremweb.common.config.XwConfig;

class CombinedActivatorTest {
    private static XwConfig conf(Map<String, String> values) {
        return XwConfig.of(values, "test.conf", Path.of("."));
    }

    @Test
    void nightsOnlyAndCpuBelowFiftyMeansBoth() {
        // 2026-11-23 is a Monday; UTC clock
        SettableClock clock = new SettableClock(Instant.parse("2026-11-23T22:00:00Z"));
        double[] load = {0};
        AllOf policy = new AllOf(List.of(new DateActivator(DateSchedule.parse("* 20-6"), clock),
                new CpuActivator(() -> load[0], clock, 50, 10, Duration.ofSeconds(10))));
        assertThat(policy.mayCompute()).isTrue();
        load[0] = 80;
        assertThat(policy.mayCompute()).isFalse();
        assertThat(policy.reason()).contains("80%").doesNotContain("activator.date");
        load[0] = 0;
        clock.set(Instant.parse("2026-11-24T12:00:00Z"));
        assertThat(policy.mayCompute()).isFalse();
        assertThat(policy.reason()).contains("is not in activator.date");
        assertThat(policy).hasToString("DateActivator(\"* 20-6\") AND CpuActivator(cpuload 50%)");
    }

    @Test
    void theManualsLongNamesAndShortNamesAreAccepted() {
        ActivatorSettings settings = ActivatorSettings.from(conf(Map.of(
                "activator.class", "xtremweb.worker.DateActivator, CpuActivator,xtremweb.worker.MouseKbdActivator",
                "activator.date", "Mon-Fri 18-7, Sat-Sun *")));
        assertThat(settings.policies()).containsExactly("DateActivator", "CpuActivator", "IdleActivator");
        Activator policy = Activators.create(settings, new SettableClock(Instant.EPOCH), Set::of);
        assertThat(policy).isInstanceOf(AllOf.class);
    }

    @Test
    void anUnknownPolicyIsRejectedWithTheAvailableOnes() {
        assertThatThrownBy(() -> ActivatorSettings.from(conf(Map.of("activator.class", "WinSaverActivator"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WinSaverActivator")
                .hasMessageContaining("DateActivator, CpuActivator");
    }

    @Test
    void aDateActivatorWithoutOrWithABadDateStopsTheWorkerWithAMessage() {
        assertThatThrownBy(() -> ActivatorSettings.from(conf(Map.of("activator.class", "DateActivator"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("activator.date");
        assertThatThrownBy(() -> ActivatorSettings.from(conf(Map.of("activator.class", "DateActivator",
                "activator.date", "Mon-Fry"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'Fry' is not a day").hasMessageContaining("test.conf");
    }

    @Test
    void theIdleActivatorComputesAfterTheDelayAndSaysWhenItCannotTell() {
        Optional<Duration>[] idle = new Optional[] {Optional.of(Duration.ofSeconds(5))};
        IdleActivator policy = new IdleActivator(new IdleSource() {
            @Override
            public Optional<Duration> idleTime() {
                return idle[0];
            }

            @Override
            public String unavailableReason() {
                return "no DISPLAY";
            }
        }, Duration.ofSeconds(30));
        assertThat(policy.mayCompute()).isFalse();
        idle[0] = Optional.of(Duration.ofSeconds(30));
        assertThat(policy.mayCompute()).isTrue();
        idle[0] = Optional.empty();
        assertThat(policy.mayCompute()).isTrue();
        assertThat(policy.reason()).contains("idle detection is unavailable: no DISPLAY");
    }

    @Test
    void withoutADisplayXprintidleReportsWhy() {
        XprintidleSource source = new XprintidleSource(null);
        assertThat(source.idleTime()).isEmpty();
        assertThat(source.unavailableReason()).contains("no DISPLAY");
    }

    @Test
    void anActivatorDateWithoutDateActivatorStopsTheWorkerInsteadOfComputingAtAnyHour() {
        // the shipped file says activator.class: AlwaysActive; uncommenting only activator.date must not be silently ignored
        assertThatThrownBy(() -> ActivatorSettings.from(conf(Map.of("activator.date", "Mon-Fri 18-7"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'activator.date'")
                .hasMessageContaining("activator.class is AlwaysActive").hasMessageContaining("test.conf");
        assertThatThrownBy(() -> ActivatorSettings.from(conf(Map.of("activator.class", "CpuActivator",
                "activator.date", "Mon-Fri 18-7"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("add DateActivator to activator.class");
    }

    @Test
    void aSmallCpuloadWithTheDefaultHysteresisStillResumes() {
        ActivatorSettings settings = ActivatorSettings.from(conf(Map.of("activator.class", "CpuActivator", "cpuload", "5")));
        assertThat(settings.hysteresis()).isLessThan(settings.cpuLoad());
        SettableClock clock = new SettableClock(Instant.parse("2026-11-23T10:00:00Z"));
        double[] load = {90};
        CpuActivator policy = new CpuActivator(() -> load[0], clock, settings.cpuLoad(), settings.hysteresis(),
                Duration.ofSeconds(10));
        assertThat(policy.mayCompute()).isFalse();
        load[0] = 0;
        policy.mayCompute();
        clock.advance(Duration.ofSeconds(11));
        assertThat(policy.mayCompute()).isTrue();
    }

    @Test
    void aHysteresisAsLargeAsCpuloadIsRefusedNamingBothKeys() {
        assertThatThrownBy(() -> ActivatorSettings.from(conf(Map.of("activator.class", "CpuActivator", "cpuload", "20",
                "cpuload.hysteresis", "20"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'cpuload.hysteresis'")
                .hasMessageContaining("below cpuload (20)").hasMessageContaining("test.conf");
        assertThat(ActivatorSettings.from(conf(Map.of("cpuload", "20", "cpuload.hysteresis", "19"))).hysteresis()).isEqualTo(19);
    }
}
