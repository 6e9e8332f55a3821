package xtremweb.gui.volunteer;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;
import xtremweb.common.volunteer.LocalChannel;
import xtremweb.common.volunteer.OwnerControl;
import xtremweb.common.volunteer.WorkerStatus;

/**
 * The worker on this machine as its window sees it: its last status, whether it still runs, and what
 * its owner asked. Files only, read and written off the event thread.
 */
public final class LocalWorker {
    /** A running worker rewrites its status every 5 s: three times that without one, it does not answer. */
    static final Duration STALE = Duration.ofSeconds(15);
    private final LocalChannel channel;
    private final Clock clock;

    public LocalWorker(LocalChannel channel) {
        this(channel, Clock.systemUTC());
    }

    LocalWorker(LocalChannel channel, Clock clock) {
        this.channel = channel;
        this.clock = clock;
    }

    public LocalChannel channel() {
        return channel;
    }

    /** Whether the worker runs, as far as its status file tells. */
    public enum Liveness {
        /** No status file: the worker never started with this home directory. */
        NEVER_STARTED,
        RUNNING,
        /** Its process lives but wrote no status for a while. */
        NOT_ANSWERING,
        /** It said it stopped, or its process is gone. */
        STOPPED
    }

    /** One look at the worker: its status (if it ever wrote one), whether it runs, what the owner asked. */
    public record Look(Optional<WorkerStatus> status, Liveness liveness, OwnerControl control, Instant at) {
        /** Whether the worker took the owner's last request (or the owner never asked anything). */
        public boolean took(long revision) {
            return status.map(s -> s.controlRevision() >= revision).orElse(false);
        }
    }

    public Look look() throws IOException {
        Optional<WorkerStatus> status = channel.readStatus();
        OwnerControl control = channel.readControl().orElse(OwnerControl.NONE);
        Instant now = clock.instant();
        return new Look(status, liveness(status, now), control, now);
    }

    private static Liveness liveness(Optional<WorkerStatus> status, Instant now) {
        if (status.isEmpty()) {
            return Liveness.NEVER_STARTED;
        }
        WorkerStatus s = status.get();
        boolean alive = ProcessHandle.of(s.pid()).map(ProcessHandle::isAlive).orElse(false);
        if (s.state() == WorkerStatus.State.STOPPED || !alive) {
            return Liveness.STOPPED;
        }
        return Duration.between(s.written(), now).compareTo(STALE) > 0 ? Liveness.NOT_ANSWERING : Liveness.RUNNING;
    }

    /**
     * Writes what the owner asks now, {@code change} applied to the last request, under a revision
     * newer than any the worker took; returns what was written.
     */
    public OwnerControl ask(UnaryOperator<OwnerControl> change) throws IOException {
        OwnerControl last = channel.readControl().orElse(OwnerControl.NONE);
        long taken = channel.readStatus().map(WorkerStatus::controlRevision).orElse(0L);
        OwnerControl wanted = change.apply(last);
        OwnerControl next = new OwnerControl(Math.max(last.revision(), taken) + 1, wanted.paused(), wanted.activatorClass(),
                wanted.activatorDate());
        channel.writeControl(next);
        return next;
    }
}
