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
 * A work submitted here is also handed over as it is ({@link #submitted}), so the scheduler's
 * ready queue can offer it without reading the database; any other change (a work re-queued)
 * only asks the queue to refill ({@link #refills}).
 */
public final class WorkSignal {
    private final ConcurrentLinkedQueue<WorkRow> fresh = new ConcurrentLinkedQueue<>();
    private final AtomicLong refills = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long generation;

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

    /** Works just committed as PENDING in this process (one, or a whole batch): one wake-up for all. */
    public void submitted(List<WorkRow> works) {
        fresh.addAll(works);
        wake();
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

    /** Waits until the generation moves past {@code seen} or the time is up; true if it moved. */
    public boolean awaitChange(long seen, Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (generation == seen) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = changed.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
