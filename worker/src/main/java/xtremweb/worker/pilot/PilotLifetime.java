package xtremweb.worker.pilot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xtremweb.worker.server.StopSignal;

/**
 * When the pilot works, stops asking for work, and leaves. Its end is its start plus the batch
 * job's time limit; {@code drain} before it the pilot asks for no more work, {@code giveBack}
 * before it the works still running go back to the server (Slurm's warning signal may come
 * earlier and does the same). A pilot with nothing to do for {@code idle} leaves, and so does a
 * draining pilot with nothing running: it will get no more work.
 */
final class PilotLifetime implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(PilotLifetime.class);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    enum Phase { WORK, DRAIN, IDLE, GIVE_BACK }

    private final Instant end;
    private final Duration idle;
    private final Duration drain;
    private final Duration giveBack;
    private final Clock clock;
    private final Supplier<Duration> idleFor;
    private final StopSignal stop;
    private final Consumer<String> depart;
    private volatile boolean draining;

    /**
     * @param idleFor how long the pilot has had no task (zero while it runs one)
     * @param depart  gives the running works back and stops the pilot, saying why
     */
    PilotLifetime(Instant start, PilotConfig times, Clock clock, Supplier<Duration> idleFor, StopSignal stop,
                  Consumer<String> depart) {
        this.end = start.plus(times.lifetime());
        this.idle = times.idle();
        this.drain = times.drain();
        this.giveBack = times.giveBack();
        this.clock = clock;
        this.idleFor = idleFor;
        this.stop = stop;
        this.depart = depart;
    }

    Instant end() {
        return end;
    }

    /** Whether the pilot may still ask for work. */
    boolean mayTakeWork() {
        return !draining;
    }

    Phase phase(Instant now, Duration idleNow) {
        if (!now.isBefore(end.minus(giveBack))) {
            return Phase.GIVE_BACK;
        }
        boolean nearEnd = !now.isBefore(end.minus(drain));
        if (idleNow.compareTo(idle) >= 0 || (nearEnd && idleNow.compareTo(CHECK_EVERY) >= 0)) {
            return Phase.IDLE;
        }
        return nearEnd ? Phase.DRAIN : Phase.WORK;
    }

    @Override
    public void run() {
        while (stop.pause(CHECK_EVERY)) {
            Duration idleNow = idleFor.get();
            switch (phase(clock.instant(), idleNow)) {
                case WORK -> { }
                case DRAIN -> {
                    if (!draining) {
                        draining = true;
                        LOG.info("pilot draining: its time limit ends at {}, in less than {} s; it asks for no more work", end,
                                drain.toSeconds());
                    }
                }
                case IDLE -> {
                    LOG.info("pilot leaving: no task for {} s{}", idleNow.toSeconds(), draining ? " while draining" : "");
                    stop.stop();
                    return;
                }
                case GIVE_BACK -> {
                    depart.accept("its time limit ends at " + end + ", in less than " + giveBack.toSeconds() + " s");
                    return;
                }
            }
        }
    }
}
