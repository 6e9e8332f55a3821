package xtremweb.worker.activator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import xtremweb.common.config.ConfigException;
import xtremweb.common.config.XwConfig;

/**
 * The activation keys of the worker's configuration, checked when the worker starts so a typo in
 * {@code activator.date} stops it with a message instead of silently never computing.
 *
 * @param policies      the short names from {@code activator.class}, all of which must agree
 * @param date          {@code activator.date}, when a DateActivator is used
 * @param cpuLoad       {@code cpuload}: the owner's CPU use (percent) above which the worker stops
 * @param hysteresis    {@code cpuload.hysteresis}: resume only under cpuload minus this many points
 * @param resumeDelay   {@code cpuload.resume.delay}: how long the owner's use must stay low before resuming
 * @param idleDelay     {@code activator.idle.delay}: keyboard and mouse idle time before computing
 * @param period        {@code activator.period}: how often the policy is asked
 * @param suspendLimit  {@code activator.suspend.limit}: a job suspended longer is given back to the server
 */
public record ActivatorSettings(List<String> policies, DateScheduleText date, int cpuLoad, int hysteresis,
                                Duration resumeDelay, Duration idleDelay, Duration period, Duration suspendLimit) {
    public static final List<String> NAMES = List.of("AlwaysActive", "DateActivator", "CpuActivator", "IdleActivator",
            "MouseKbdActivator");

    /** The raw {@code activator.date}, already checked against the grammar. */
    public record DateScheduleText(String text) {
        public DateScheduleText {
            DateSchedule.parse(text);
        }
    }

    public ActivatorSettings {
        policies = List.copyOf(policies);
    }

    public static ActivatorSettings from(XwConfig conf) {
        String where = "in " + conf.source();
        List<String> policies = policies(conf.string("activator.class", "AlwaysActive"), where);
        DateScheduleText date = policies.contains("DateActivator") ? date(conf.optional("activator.date"), where) : null;
        if (date == null && conf.optional("activator.date").isPresent()) {
            // without DateActivator the windows would be ignored and the worker compute at any hour
            throw new ConfigException("'activator.date' " + where + " is ignored: activator.class is "
                    + String.join(",", policies) + "; add DateActivator to activator.class (e.g. activator.class: DateActivator)"
                    + " or remove activator.date");
        }
        int cpuLoad = conf.integer("cpuload", 50, 1, 100);
        int hysteresis = hysteresis(conf, cpuLoad, where);
        Duration resumeDelay = Duration.ofSeconds(conf.integer("cpuload.resume.delay", 60, 0, 86_400));
        Duration idleDelay = Duration.ofSeconds(conf.integer("activator.idle.delay", 30, 0, 86_400));
        Duration period = Duration.ofMillis(conf.integer("activator.period", 5_000, 100, 3_600_000));
        Duration suspendLimit = Duration.ofSeconds(conf.integer("activator.suspend.limit", 3_600, 1, Integer.MAX_VALUE));
        return new ActivatorSettings(policies, date, cpuLoad, hysteresis, resumeDelay, idleDelay, period, suspendLimit);
    }

    /**
     * The same settings with another policy, as the owner chooses it in the volunteer's window;
     * {@code where} names that place in the error, which says what is wrong as for the file.
     */
    public ActivatorSettings withPolicy(String classes, String dateText, String where) {
        List<String> chosen = policies(classes, where);
        DateScheduleText chosenDate = chosen.contains("DateActivator")
                ? date(java.util.Optional.ofNullable(dateText).filter(d -> !d.isBlank()), where) : null;
        return new ActivatorSettings(chosen, chosenDate, cpuLoad, hysteresis, resumeDelay, idleDelay, period, suspendLimit);
    }

    /**
     * {@code cpuload.hysteresis}, below {@code cpuload}: the worker resumes under cpuload minus it,
     * which must be a load the owner can fall under. Its default (10) shrinks to half a smaller cpuload.
     */
    private static int hysteresis(XwConfig conf, int cpuLoad, String where) {
        if (conf.optional("cpuload.hysteresis").isEmpty()) {
            return Math.min(10, cpuLoad / 2);
        }
        int hysteresis = conf.integer("cpuload.hysteresis", 10, 0, 99);
        if (hysteresis >= cpuLoad) {
            throw new ConfigException("key 'cpuload.hysteresis' " + where + " is " + hysteresis + "; it must be below cpuload ("
                    + cpuLoad + "): a CpuActivator resumes only once the owner uses less than cpuload - cpuload.hysteresis"
                    + " percent of the CPU, which would never happen");
        }
        return hysteresis;
    }

    private static List<String> policies(String classes, String where) {
        List<String> policies = new ArrayList<>();
        for (String name : classes.split("[,\\s]+")) {
            if (name.isEmpty()) {
                continue;
            }
            String simple = name.startsWith("xtremweb.worker.") ? name.substring("xtremweb.worker.".length()) : name;
            String known = NAMES.stream().filter(n -> n.toLowerCase(Locale.ROOT).equals(simple.toLowerCase(Locale.ROOT)))
                    .findFirst().orElseThrow(() -> new ConfigException("activator " + name + " (key 'activator.class' "
                            + where + ") is not available; use one or several of " + String.join(", ", NAMES)
                            + " separated by commas"));
            policies.add(known.equals("MouseKbdActivator") ? "IdleActivator" : known);
        }
        if (policies.isEmpty()) {
            policies.add("AlwaysActive");
        }
        return policies;
    }

    private static DateScheduleText date(java.util.Optional<String> text, String where) {
        String value = text.orElseThrow(() -> new ConfigException("the DateActivator needs 'activator.date' " + where
                + ", e.g. activator.date: Mon-Fri 18-7, Sat-Sun *"));
        try {
            return new DateScheduleText(value);
        } catch (ConfigException e) {
            throw new ConfigException(e.getMessage() + " (" + where + ")", e);
        }
    }

    public static ActivatorSettings alwaysActive() {
        return new ActivatorSettings(List.of("AlwaysActive"), null, 50, 10, Duration.ofSeconds(60), Duration.ofSeconds(30),
                Duration.ofSeconds(5), Duration.ofHours(1));
    }

    @Override
    public String toString() {
        return String.join(",", policies);
    }
}
