package xtremweb.worker.exec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The sandboxes kept between jobs ({@link WarmSandbox}, {@code sandbox.reuse}): a job takes an idle
 * one of its owner, or a new one, and gives it back when its directories are gone. A sandbox is
 * never shared between owners, never runs two jobs at once, is dropped as soon as a job leaves
 * anything in it, and is closed after {@link #IDLE_LIMIT} unused (a volunteer's machine keeps no
 * sandbox through a lull) or when more than {@code maxIdle} wait.
 */
public final class WarmSandboxes implements AutoCloseable {
    /** How long an idle sandbox is kept: a stream of jobs keeps it busy; a lull frees its processes. */
    static final Duration IDLE_LIMIT = Duration.ofSeconds(30);
    private final Confinement confinement;
    private final Path parent;
    private final int maxIdle;
    private final Clock clock;
    private final Duration idleLimit;
    private final Deque<Idle> idle = new ArrayDeque<>();
    private boolean closed;
    /** Closes sandboxes idle too long even when no job comes to take one. */
    private final Thread closer;

    private record Idle(String owner, WarmSandbox sandbox, Instant since) {
    }

    /** A job's sandbox, taken from the pool for one job; {@link #close} gives it back. */
    public final class Lease implements AutoCloseable {
        private final String owner;
        private final WarmSandbox sandbox;

        private Lease(String owner, WarmSandbox sandbox) {
            this.owner = owner;
            this.sandbox = sandbox;
        }

        public WarmSandbox sandbox() {
            return sandbox;
        }

        /** Gives the sandbox back; call once the job's directories under it are removed. */
        @Override
        public void close() {
            giveBack(owner, sandbox);
        }
    }

    /**
     * @param confinement must be sandboxed (bwrap)
     * @param parent      where the sandboxes' directories go (the worker's per-run jobs directory)
     * @param maxIdle     how many idle sandboxes may wait at once (the worker's slots)
     */
    public WarmSandboxes(Confinement confinement, Path parent, int maxIdle, Clock clock) {
        this(confinement, parent, maxIdle, clock, IDLE_LIMIT);
    }

    WarmSandboxes(Confinement confinement, Path parent, int maxIdle, Clock clock, Duration idleLimit) {
        if (!confinement.sandboxed()) {
            throw new IllegalArgumentException("sandbox.reuse needs the bwrap sandbox");
        }
        this.confinement = confinement;
        this.parent = Objects.requireNonNull(parent, "parent");
        this.maxIdle = Math.max(1, maxIdle);
        this.clock = clock;
        this.idleLimit = idleLimit;
        this.closer = Thread.ofVirtual().name("xw-idle-sandboxes").start(this::closeExpiredUntilClosed);
    }

    /** Every third of the idle limit, closes the sandboxes idle longer than it, until {@link #close}. */
    private void closeExpiredUntilClosed() {
        try {
            while (true) {
                Thread.sleep(idleLimit.dividedBy(3));
                List<WarmSandbox> expired;
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                    expired = removeExpired();
                }
                expired.forEach(WarmSandbox::close);
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    /**
     * A sandbox for one job of {@code owner} (an opaque key equal for the jobs of one owner): an
     * idle one of that owner, or a new one. Null when the owner is unknown (a server that does not
     * say), then the job runs in a fresh sandbox of its own, as before.
     */
    public Lease take(String owner) throws IOException {
        if (owner == null || owner.isEmpty()) {
            return null;
        }
        WarmSandbox found = null;
        List<WarmSandbox> toClose;
        synchronized (this) {
            if (closed) {
                return null;
            }
            toClose = removeExpired();
            for (Iterator<Idle> it = idle.iterator(); it.hasNext(); ) {
                Idle candidate = it.next();
                if (candidate.owner().equals(owner)) {
                    it.remove();
                    if (candidate.sandbox().usable()) {
                        found = candidate.sandbox();
                        break;
                    }
                    toClose.add(candidate.sandbox());
                }
            }
        }
        // Outside the lock: closing waits for the sandbox's processes to end.
        toClose.forEach(WarmSandbox::close);
        return new Lease(owner, found != null ? found : WarmSandbox.start(confinement, parent));
    }

    private void giveBack(String owner, WarmSandbox sandbox) {
        WarmSandbox toClose = null;
        synchronized (this) {
            if (closed || !sandbox.usable() || !sandbox.rootsEmpty()) {
                toClose = sandbox;
            } else {
                idle.addFirst(new Idle(owner, sandbox, clock.instant()));
                if (idle.size() > maxIdle) {
                    toClose = idle.removeLast().sandbox();
                }
            }
        }
        if (toClose != null) {
            toClose.close();
        }
    }

    /** Takes out the sandboxes idle longer than the limit (the oldest are last), for the caller to close. */
    private List<WarmSandbox> removeExpired() {
        List<WarmSandbox> expired = new ArrayList<>();
        Instant limit = clock.instant().minus(idleLimit);
        while (!idle.isEmpty() && idle.peekLast().since().isBefore(limit)) {
            expired.add(idle.removeLast().sandbox());
        }
        return expired;
    }

    /** How many sandboxes wait for a job (for tests and the worker's status). */
    public synchronized int idle() {
        return idle.size();
    }

    /** Closes every idle sandbox; those in use are closed when given back. */
    @Override
    public void close() {
        List<Idle> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayList<>(idle);
            idle.clear();
        }
        closer.interrupt();
        toClose.forEach(i -> i.sandbox().close());
    }
}
