package xtremweb.worker.activator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The manual's {@code xtremweb.worker.CpuActivator}: stops as soon as the owner uses more than
 * {@code cpuload}% of the CPU (the worker's own jobs do not count), and computes again only after
 * the owner's use stayed under {@code cpuload} minus a hysteresis margin for the whole resume
 * delay, so a machine near the threshold does not flap between suspended and running.
 */
final class CpuActivator implements Activator {
    private final CpuSampler sampler;
    private final Clock clock;
    private final double stopAbove;
    private final double resumeBelow;
    private final Duration resumeDelay;
    private boolean active = true;
    private Instant calmSince;
    private double lastLoad;

    CpuActivator(CpuSampler sampler, Clock clock, int cpuLoadPercent, int hysteresisPercent, Duration resumeDelay) {
        this.sampler = sampler;
        this.clock = clock;
        this.stopAbove = cpuLoadPercent;
        this.resumeBelow = Math.max(0, cpuLoadPercent - hysteresisPercent);
        this.resumeDelay = resumeDelay;
    }

    @Override
    public synchronized boolean mayCompute() {
        lastLoad = sampler.ownerLoadPercent();
        Instant now = clock.instant();
        if (active) {
            if (lastLoad > stopAbove) {
                active = false;
                calmSince = null;
            }
            return active;
        }
        if (lastLoad >= resumeBelow) {
            calmSince = null;
        } else if (calmSince == null || now.isBefore(calmSince)) {
            // (or the clock was set back: counted from the old instant, the machine would stay
            // idle for as long as the clock went back, a day for a day)
            calmSince = now;
        }
        if (calmSince != null && !now.isBefore(calmSince.plus(resumeDelay))) {
            active = true;
        }
        return active;
    }

    @Override
    public synchronized String reason() {
        return String.format(java.util.Locale.ROOT, "the owner uses %.0f%% of the CPU (stop above %.0f%%, resume after %d s under %.0f%%)",
                lastLoad, stopAbove, resumeDelay.toSeconds(), resumeBelow);
    }

    @Override
    public String toString() {
        return "CpuActivator(cpuload " + (int) stopAbove + "%)";
    }
}
