package xtremweb.server.work;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes long-polling work requests when a work becomes pending (submitted or re-queued) in this
 * process. Waiters read the generation before looking for work, so a signal between their look and
 * their wait is not missed. Other servers' submissions are found at the next poll.
 *
 * <p>A submission wakes one waiter, not all of them: with hundreds of idle hosts, waking every one
 * for each work would cost more than the work's whole dispatch. A waiter that finds nothing it may
 * run while works are queued {@linkplain #passOn passes the wake on}, at most once per waiter per
 * submission, so a work that only some hosts can run still reaches one of them within milliseconds.
 *
 * <p>A work submitted here is also handed over as it is ({@link #submitted}), so the scheduler's
 * ready queue can offer it without reading the database; any other change (a work re-queued)
 * wakes everyone and asks the queue to refill ({@link #refills}).
 */
public final class WorkSignal {
    private final ConcurrentLinkedQueue<WorkRow> fresh = new ConcurrentLinkedQueue<>();
    private final AtomicLong refills = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long generation;
    // Guarded by lock: requests waiting now, and wakes that may still be passed on.
    private int waiting;
    private int relays;

    public long generation() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    /** A work became pending by other means than a submission here: the queue should re-read the database. */
    public void signal() {
        refills.incrementAndGet();
        wake();
    }

    /**
     * Wakes every waiter without asking for a refill: a host was switched off or left, and its own
     * waiting requests must see it now rather than at their next look.
     */
    public void wakeAll() {
        wake();
    }

    /** Works just committed as PENDING in this process (one, or a whole batch): one waiter woken per work. */
    public void submitted(List<WorkRow> works) {
        fresh.addAll(works);
        wakeFor(works.size());
    }

    /**
     * Called by a waiter that was woken but found no work it may run while works are queued: wakes
     * another waiter, as long as the wakes given since the last submission do not exceed the waiters.
     */
    public void passOn() {
        lock.lock();
        try {
            if (relays > 0) {
                relays--;
                generation++;
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many times a refill was asked for; the queue compares it with what it saw at its last refill. */
    public long refills() {
        return refills.get();
    }

    /** The works submitted here since the last call. */
    public List<WorkRow> drainSubmitted() {
        List<WorkRow> out = new ArrayList<>();
        for (WorkRow w = fresh.poll(); w != null; w = fresh.poll()) {
            out.add(w);
        }
        return out;
    }

    private void wake() {
        lock.lock();
        try {
            generation++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes one waiter per new work (all of them if fewer wait); each wake may be passed on. */
    private void wakeFor(int works) {
        lock.lock();
        try {
            generation++;
            relays = Math.max(relays, waiting);
            for (int i = 0; i < Math.min(works, waiting); i++) {
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the generation moves past {@code seen} or the time is up; true if it moved. */
    public boolean awaitChange(long seen, Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            waiting++;
            try {
                while (generation == seen) {
                    if (nanos <= 0) {
                        return false;
                    }
                    nanos = changed.awaitNanos(nanos);
                }
                return true;
            } finally {
                waiting--;
            }
        } finally {
            lock.unlock();
        }
    }
}
