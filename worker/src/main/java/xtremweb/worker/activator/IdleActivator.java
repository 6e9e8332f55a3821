package xtremweb.worker.activator;

import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manual's {@code MouseKbdActivator}: computes once the user has left keyboard and mouse alone
 * for {@code activator.idle.delay} (30 s by default, as in the manual), stops as soon as they come
 * back. Where the idle time cannot be read (no desktop session) nobody sits at the machine, so it
 * computes, and says so once in the log: a volunteer who expected idle detection sees why not.
 */
final class IdleActivator implements Activator {
    private static final Logger LOG = LoggerFactory.getLogger(IdleActivator.class);
    private final IdleSource source;
    private final Duration delay;
    private boolean unavailableLogged;
    private Optional<Duration> last = Optional.empty();

    IdleActivator(IdleSource source, Duration delay) {
        this.source = source;
        this.delay = delay;
    }

    @Override
    public synchronized boolean mayCompute() {
        last = source.idleTime();
        if (last.isEmpty()) {
            if (!unavailableLogged) {
                LOG.warn("idle detection is unavailable ({}); the IdleActivator lets the worker compute as if the user were away",
                        source.unavailableReason());
                unavailableLogged = true;
            }
            return true;
        }
        if (unavailableLogged) {
            LOG.info("idle detection is available again");
            unavailableLogged = false;
        }
        return last.get().compareTo(delay) >= 0;
    }

    @Override
    public synchronized String reason() {
        return last.map(idle -> "the user has been idle for " + idle.toSeconds() + " s (computing after " + delay.toSeconds() + " s)")
                .orElse("idle detection is unavailable: " + source.unavailableReason());
    }

    @Override
    public String toString() {
        return "IdleActivator(" + delay.toSeconds() + " s)";
    }
}
