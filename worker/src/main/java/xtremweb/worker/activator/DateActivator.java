package xtremweb.worker.activator;

import java.time.Clock;
import java.time.LocalDateTime;

/** The manual's {@code xtremweb.worker.DateActivator}: computes only inside the {@code activator.date} windows. */
final class DateActivator implements Activator {
    private final DateSchedule schedule;
    private final Clock clock;

    DateActivator(DateSchedule schedule, Clock clock) {
        this.schedule = schedule;
        this.clock = clock;
    }

    @Override
    public boolean mayCompute() {
        return schedule.contains(LocalDateTime.now(clock));
    }

    @Override
    public String reason() {
        return "local time " + LocalDateTime.now(clock).withNano(0) + (mayCompute() ? " is" : " is not")
                + " in activator.date \"" + schedule + "\"";
    }

    @Override
    public String toString() {
        return "DateActivator(\"" + schedule + "\")";
    }
}
