package xtremweb.worker.exec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Objects;

/**
 * The sandboxes kept between jobs ({@link WarmSandbox}, {@code sandbox.reuse}): a job takes an idle
 * one of its owner, or a new one, and gives it back when its directories are gone. A sandbox is
 * never shared between owners, never runs two jobs at once, is dropped as soon as a job leaves
 * anything in it, and is closed after {@link #IDLE_LIMIT} unused or when more than {@code maxIdle}
 * wait.
 */
public final class WarmSandboxes implements AutoCloseable {
    /** How long an idle sandbox is kept: a stream of jobs keeps it busy; a lull frees its processes. */
    static final Duration IDLE_LIMIT = Duration.ofSeconds(30);
    private final Confinement confinement;
    private final Path parent;
    private final int maxIdle;
    private final Clock clock;
    private final Deque<Idle> idle = new ArrayDeque<>();
    private boolean closed;

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
        if (!confinement.sandboxed()) {
            throw new IllegalArgumentException("sandbox.reuse needs the bwrap sandbox");
        }
        this.confinement = confinement;
        this.parent = Objects.requireNonNull(parent, "parent");
        this.maxIdle = Math.max(1, maxIdle);
        this.clock = clock;
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
        synchronized (this) {
            if (closed) {
                return null;
            }
            closeExpired();
            for (Iterator<Idle> it = idle.iterator(); it.hasNext(); ) {
                Idle candidate = it.next();
                if (candidate.owner().equals(owner)) {
                    it.remove();
                    if (candidate.sandbox().usable()) {
                        found = candidate.sandbox();
                        break;
                    }
                    candidate.sandbox().close();
                }
            }
        }
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

    private void closeExpired() {
        Instant limit = clock.instant().minus(IDLE_LIMIT);
        while (!idle.isEmpty() && idle.peekLast().since().isBefore(limit)) {
            idle.removeLast().sandbox().close();
        }
    }

    /** How many sandboxes wait for a job (for tests and the worker's status). */
    public synchronized int idle() {
        return idle.size();
    }

    /** Closes every idle sandbox; those in use are closed when given back. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            idle.forEach(i -> i.sandbox().close());
            idle.clear();
        }
    }
}
