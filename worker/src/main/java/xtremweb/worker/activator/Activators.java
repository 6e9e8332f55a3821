package xtremweb.worker.activator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** Builds the policy the configuration names; several names make one policy that needs them all. */
public final class Activators {
    private Activators() {
    }

    /**
     * @param jobPids the processes of the worker's running jobs, whose CPU use is not the owner's
     */
    public static Activator create(ActivatorSettings settings, Clock clock, Supplier<Set<Long>> jobPids) {
        List<Activator> policies = new ArrayList<>();
        for (String name : settings.policies()) {
            policies.add(switch (name) {
                case "AlwaysActive" -> new AlwaysActive();
                case "DateActivator" -> new DateActivator(DateSchedule.parse(settings.date().text()), clock);
                case "CpuActivator" -> new CpuActivator(new OshiCpuSampler(jobPids), clock, settings.cpuLoad(),
                        settings.hysteresis(), settings.resumeDelay());
                case "IdleActivator" -> new IdleActivator(new XprintidleSource(System.getenv("DISPLAY")), settings.idleDelay());
                default -> throw new IllegalArgumentException("no activator " + name);
            });
        }
        return policies.size() == 1 ? policies.get(0) : new AllOf(policies);
    }
}
