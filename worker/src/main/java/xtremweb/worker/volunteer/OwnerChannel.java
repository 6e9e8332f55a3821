package xtremweb.worker.volunteer;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xtremweb.common.volunteer.LocalChannel;
import xtremweb.common.volunteer.OwnerControl;
import xtremweb.common.volunteer.WorkerStatus;
import xtremweb.worker.server.StopSignal;

/**
 * Once a second: takes the owner's control file and writes the status file when it changed (and at
 * least every few seconds, so the window can tell a live worker from a stopped one). A pause is
 * therefore followed within one poll: the work loop asks before every work request.
 */
public final class OwnerChannel implements Runnable {
    /** How often the control file is read; a pause stops new work requests within this. */
    public static final Duration POLL = Duration.ofSeconds(1);
    /** The status is written at least this often. */
    static final Duration REWRITE = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(OwnerChannel.class);
    private final LocalChannel channel;
    private final OwnerWishes wishes;
    private final Supplier<WorkerStatus> status;
    private final StopSignal stop;
    private final Clock clock;
    private WorkerStatus written;
    private Instant writtenAt = Instant.MIN;
    private String readFailure;
    private String writeFailure;

    public OwnerChannel(LocalChannel channel, OwnerWishes wishes, Supplier<WorkerStatus> status, StopSignal stop, Clock clock) {
        this.channel = channel;
        this.wishes = wishes;
        this.status = status;
        this.stop = stop;
        this.clock = clock;
    }

    @Override
    public void run() {
        while (stop.pause(POLL)) {
            poll();
        }
    }

    /** One poll: the control file taken, the status written if it changed or is getting old. */
    public synchronized void poll() {
        try {
            wishes.take(channel.readControl().orElse(OwnerControl.NONE));
            readFailure = null;
        } catch (IOException e) {
            wishes.unreadable("The worker cannot read what the window asked: " + e.getMessage() + ".");
            readFailure = once(readFailure, "cannot read the volunteer's control file: " + e.getMessage());
        }
        WorkerStatus now = status.get();
        Instant at = clock.instant();
        if (written != null && now.sameAs(written) && Duration.between(writtenAt, at).compareTo(REWRITE) < 0) {
            return;
        }
        write(now);
    }

    /** The last status, at the worker's stop: the window then says the worker is not running. */
    public synchronized void stopped() {
        write(status.get().stopped(clock.instant()));
    }

    private void write(WorkerStatus now) {
        try {
            channel.writeStatus(now);
            written = now;
            writtenAt = clock.instant();
            writeFailure = null;
        } catch (IOException | RuntimeException e) {
            writeFailure = once(writeFailure, "cannot write the volunteer's status in " + channel.dir() + ": " + e.getMessage());
        }
    }

    /** Logs {@code message} unless it was the last one logged: once per distinct failure, not once a second. */
    private static String once(String last, String message) {
        if (!message.equals(last)) {
            LOG.warn(message);
        }
        return message;
    }
}
