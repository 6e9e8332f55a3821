package xtremweb.worker.loop;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xtremweb.common.volunteer.WorkerStatus;
import xtremweb.worker.activator.Activator;
import xtremweb.worker.server.StopSignal;
import xtremweb.worker.task.JobControl;

/**
 * Asks the activation policy at a steady pace and acts on its answer: when the owner takes the
 * machine back, running jobs are frozen (SIGSTOP) and no work is requested; when the policy
 * allows again, they continue (SIGCONT). Jobs frozen longer than the suspension limit are killed
 * and given back to the server, which re-queues their works without counting a failure.
 */
public final class Activation implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Activation.class);
    private Activator activator;
    private final JobControl running;
    private final Clock clock;
    private final Duration period;
    private final Duration suspendLimit;
    private final StopSignal stop;
    // No work is asked for before the policy's first decision.
    private volatile boolean active;
    private boolean started;
    private Instant suspendedSince;
    private volatile WorkerStatus.Verdict verdict;

    public Activation(Activator activator, JobControl running, Clock clock, Duration period, Duration suspendLimit,
                      StopSignal stop) {
        this.activator = activator;
        this.running = running;
        this.clock = clock;
        this.period = period;
        this.suspendLimit = suspendLimit;
        this.stop = stop;
    }

    /** Whether the worker may compute, as of the last decision; false before the first one. */
    public boolean active() {
        return active;
    }

    /**
     * The policy's last decision that changed something (or the first one), with the reason its log
     * line gave, word for word; empty before the first decision.
     */
    public java.util.Optional<WorkerStatus.Verdict> verdict() {
        return java.util.Optional.ofNullable(verdict);
    }

    /** The policy in force, as the log lines name it. */
    public synchronized String policy() {
        return activator.toString();
    }

    /**
     * Another policy from now on (the owner chose it in the volunteer's window): decided at once,
     * and that decision logged even when it changes nothing, so the verdict shown is the new policy's.
     */
    public synchronized void use(Activator next, String why) {
        Activator before = activator;
        activator = next;
        if (!started) {
            LOG.info("the activation policy is {} ({})", next, why);
            return;
        }
        LOG.info("the activation policy changes from {} to {} ({})", before, next, why);
        try {
            if (!tick()) {
                boolean may = active;
                String reason = activator.reason();
                LOG.info("the activation policy {} {} computing now ({})", activator, may ? "allows" : "does not allow", reason);
                verdict = new WorkerStatus.Verdict(may, reason, clock.instant());
            }
        } catch (RuntimeException e) {
            LOG.warn("the activation policy {} failed: {}", activator, e.toString());
        }
    }

    /**
     * The policy's first decision, taken by the work loop before its first work request: a worker
     * started outside its activator.date window, say, must not ask for work in the moment before
     * this thread would have decided.
     */
    public void decideFirst() {
        decide();
    }

    @Override
    public void run() {
        if (!decided()) {
            decide();
        }
        while (stop.pause(period)) {
            decide();
        }
    }

    private synchronized boolean decided() {
        return started;
    }

    private synchronized void decide() {
        try {
            tick();
        } catch (RuntimeException e) {
            // a policy that cannot measure must not kill the thread that resumes the jobs
            LOG.warn("the activation policy {} failed: {}", activator, e.toString());
            if (!started) {
                started = true;
                active = true;
                LOG.warn("the activation policy {} could not take its first decision; computing until it can", activator);
            }
        }
    }

    /**
     * One decision of the policy, and what follows from a change; returns whether it logged a
     * decision (the first one, or a change). The reason is asked once, so the verdict kept for the
     * volunteer's window is the log line's word for word.
     */
    synchronized boolean tick() {
        boolean may = activator.mayCompute();
        Instant now = clock.instant();
        if (!started) {
            started = true;
            active = may;
            String reason = activator.reason();
            verdict = new WorkerStatus.Verdict(may, reason, now);
            if (!may) {
                suspendedSince = now;
                LOG.info("the activation policy {} does not allow computing now ({}); waiting", activator, reason);
            } else {
                LOG.info("the activation policy {} allows computing now ({})", activator, reason);
            }
            return true;
        }
        if (may && !active) {
            active = true;
            suspendedSince = null;
            int resumed = running.resumeAll();
            String reason = activator.reason();
            verdict = new WorkerStatus.Verdict(true, reason, now);
            LOG.info("the activation policy {} gives the machine back ({}): {} job(s) resumed, asking for work again",
                    activator, reason, resumed);
            return true;
        } else if (!may && active) {
            active = false;
            suspendedSince = now;
            int suspended = running.suspendAll();
            String reason = activator.reason();
            verdict = new WorkerStatus.Verdict(false, reason, now);
            LOG.info("the activation policy {} takes the machine back ({}): {} job(s) suspended, no new work until it allows"
                    + " again; jobs suspended over {} s are given back", activator, reason, suspended,
                    suspendLimit.toSeconds());
            return true;
        } else if (!may && now.isBefore(suspendedSince)) {
            // The machine's clock was set back (by hand, NTP, a wrong RTC): counted from the old
            // start, the suspended jobs (and the leases their heartbeats renew) would be held for as
            // long as the clock went back, a day for a day. Count the suspension from now on.
            LOG.info("the clock went back {} s while jobs were suspended; the suspension limit counts from now",
                    Duration.between(now, suspendedSince).toSeconds());
            suspendedSince = now;
        } else if (!may && !now.isBefore(suspendedSince.plus(suspendLimit))) {
            int givenBack = running.giveBackAll();
            if (givenBack > 0) {
                LOG.info("{} job(s) suspended for {} s, over the limit (activator.suspend.limit): stopped and given back"
                        + " to the server, not counted as failures", givenBack, suspendLimit.toSeconds());
            }
            suspendedSince = now;
        }
        return false;
    }
}
