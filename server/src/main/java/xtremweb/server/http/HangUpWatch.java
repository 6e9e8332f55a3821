package xtremweb.server.http;

import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.AbstractEndPoint;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * Notices that the client of a request held open (a long poll) hung up: its process was killed or
 * it closed the connection. Jetty reads nothing from an HTTP/1.1 connection while its request is
 * handled, and writing an answer to a peer that is gone usually succeeds (the bytes reach the
 * kernel's buffer, the peer's reset comes later), so without this a dead worker's poll would be
 * answered with a work that nobody receives.
 *
 * <p>It asks to be told when the connection becomes readable: a client waiting for its answer
 * sends nothing (HTTP/1.1 clients do not pipeline), so readable means end of stream or reset.
 * {@link #close()} must come before the answer is written: Jetty closes a connection whose read
 * interest is still pending when its response completes.
 */
public final class HangUpWatch implements AutoCloseable {
    // Every long-polling work request ends here: one shared exception without a stack trace instead
    // of a new one filling its stack each time (JFR, issue 15: the most thrown exception by far).
    // Nobody reads it: the read interest it fails is our own (the failure callback above ignores it).
    private static final RuntimeException WITHDRAWN = new Withdrawn();
    private final AbstractEndPoint endPoint;
    private final AtomicBoolean hungUp = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private HangUpWatch(AbstractEndPoint endPoint) {
        this.endPoint = endPoint;
    }

    /** Starts watching; a connection that cannot be watched (another transport) never reports a hang-up. */
    static HangUpWatch on(EndPoint endPoint) {
        if (!(endPoint instanceof AbstractEndPoint watched)) {
            return new HangUpWatch(null);
        }
        HangUpWatch watch = new HangUpWatch(watched);
        // Non-blocking: the selector thread only sets a flag.
        Callback readable = Callback.from(Invocable.InvocationType.NON_BLOCKING, () -> watch.hungUp.set(true),
                failure -> {
                    if (!watch.closed.get()) {
                        // The connection failed (closed, reset) before the answer: the client is gone.
                        watch.hungUp.set(true);
                    }
                });
        if (!watched.tryFillInterested(readable)) {
            // Someone already reads this connection: it will notice the end of stream itself.
            return new HangUpWatch(null);
        }
        return watch;
    }

    /** Whether the client hung up while the request was held (as of now, or of {@link #close()}). */
    public boolean hungUp() {
        return hungUp.get();
    }

    /** Stops watching, so the connection can carry the answer and the client's next request. */
    @Override
    public void close() {
        if (endPoint != null && closed.compareAndSet(false, true) && !hungUp.get()) {
            // Withdraws this read interest (nobody else registers one while the request is handled).
            endPoint.getFillInterest().onFail(WITHDRAWN);
        }
    }

    /** The withdrawal of the read interest: shared, so without a stack trace and without suppressed exceptions. */
    private static final class Withdrawn extends RuntimeException {
        private Withdrawn() {
            super("the answer is being written", null, false, false);
        }
    }
}
