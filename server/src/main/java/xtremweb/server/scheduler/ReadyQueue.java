package xtremweb.server.scheduler;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import xtremweb.server.db.Jdbc;
import xtremweb.server.work.WorkRepository;
import xtremweb.server.work.WorkRow;
import xtremweb.server.work.WorkSignal;

/**
 * The pending works this server offers, in memory, so a work request costs no table scan. Each
 * owner with pending works has a FIFO of its oldest ones; owners take turns (the one just served
 * goes to the back), so a user with 100,000 works does not starve a user with 10.
 *
 * <p>The queue is only a hint: an entry may have been claimed by another server meanwhile, which
 * the claim's conditional update reveals (0 rows) and the entry is dropped. It is refilled from the
 * database in batches ({@link #PER_OWNER} oldest works per owner, read for many owners per
 * statement) when it runs low, when nothing in
 * it fits a host, when a work was re-queued, and every {@link #REFRESH} to see other servers'
 * submissions. Works submitted in this process enter straight from the {@link WorkSignal}.
 */
final class ReadyQueue {
    static final int PER_OWNER = 1000;
    // How far down one owner's FIFO a host looks for a work it can run: bounds the cost of a
    // request when the head of a FIFO needs hosts this one is not.
    static final int SCAN = 256;
    static final Duration REFRESH = Duration.ofSeconds(1);
    // Do not re-read the database more often than this because nothing fitted one host.
    static final Duration MIN_GAP = Duration.ofMillis(100);
    private final Jdbc jdbc;
    private final WorkRepository works;
    private final WorkSignal signal;
    private final LongSupplier nanos;
    private final AtomicBoolean refilling = new AtomicBoolean();
    private final LinkedHashMap<String, ArrayDeque<WorkRow>> byOwner = new LinkedHashMap<>();
    private final Set<String> queued = new HashSet<>();
    // Taken and being claimed right now: a refill that read them as still PENDING must not offer
    // them again, or a second host would wait on the first one's row lock.
    private final Set<String> inFlight = new HashSet<>();
    // Owners whose last batch was full: more works wait in the database behind what is queued.
    private final Set<String> more = new HashSet<>();
    // Works admitted from this process's submissions while a refill was reading.
    private final Set<String> recent = new HashSet<>();
    // Works whose claim ended while a refill was reading: the read may have seen them still PENDING
    // (claimed since), and offered again they would make a second claim fail on its version. Alone
    // that claim only wasted a statement; in a group commit it rolls the whole group back.
    private final Set<String> settledMeanwhile = new HashSet<>();
    private long lastRefillNanos;
    private long refillsSeen = -1;
    private boolean everFilled;

    // Told of each work about to enter, outside the lock: what matching needs of it is loaded there.
    private final Consumer<WorkRow> entering;

    ReadyQueue(Jdbc jdbc, WorkRepository works, WorkSignal signal, LongSupplier nanos, Consumer<WorkRow> entering) {
        this.jdbc = jdbc;
        this.works = works;
        this.signal = signal;
        this.nanos = nanos;
        this.entering = entering;
    }

    /**
     * Removes and returns the first work that {@code fits}, owners in turn, FIFO within an owner.
     * Refills first when due; refills again (at most every {@link #MIN_GAP}) when nothing fits.
     */
    Optional<WorkRow> take(Predicate<WorkRow> fits) {
        admitSubmitted();
        if (refillDue()) {
            refill();
        }
        Optional<WorkRow> found = pick(fits);
        if (found.isEmpty() && sinceRefill() >= MIN_GAP.toNanos()) {
            refill();
            found = pick(fits);
        }
        return found;
    }

    /** Nothing is queued in memory (the database may still hold works a refill would bring). */
    synchronized boolean isEmpty() {
        return byOwner.isEmpty();
    }

    /** Works queued in memory now, for the metrics. */
    synchronized int size() {
        return queued.size();
    }

    /** The claim of a taken work is over (won or lost): a later refill may offer it again if it is PENDING. */
    synchronized void settled(String workUid) {
        inFlight.remove(workUid);
        if (refilling.get()) {
            settledMeanwhile.add(workUid);
        }
    }

    /**
     * A taken work whose claim the host's row refused (switched off, gone) is still PENDING: it goes
     * back to the head of its owner's line at once rather than waiting for the next refill.
     */
    synchronized void putBack(WorkRow work) {
        inFlight.remove(work.uid());
        settledMeanwhile.remove(work.uid());
        if (queued.add(work.uid())) {
            byOwner.computeIfAbsent(work.ownerUid(), o -> new ArrayDeque<>()).addFirst(work);
        }
    }

    private void admitSubmitted() {
        List<WorkRow> fresh = signal.drainSubmitted();
        if (fresh.isEmpty()) {
            return;
        }
        fresh.forEach(entering);
        synchronized (this) {
            for (WorkRow w : fresh) {
                add(w);
            }
        }
    }

    private synchronized boolean refillDue() {
        if (!everFilled || signal.refills() != refillsSeen || sinceRefill() >= REFRESH.toNanos()) {
            return true;
        }
        for (String owner : more) {
            ArrayDeque<WorkRow> fifo = byOwner.get(owner);
            if (fifo == null || fifo.size() < PER_OWNER / 4) {
                return true;
            }
        }
        return false;
    }

    private synchronized long sinceRefill() {
        return nanos.getAsLong() - lastRefillNanos;
    }

    private synchronized Optional<WorkRow> pick(Predicate<WorkRow> fits) {
        for (Iterator<Map.Entry<String, ArrayDeque<WorkRow>>> owners = byOwner.entrySet().iterator(); owners.hasNext(); ) {
            Map.Entry<String, ArrayDeque<WorkRow>> entry = owners.next();
            ArrayDeque<WorkRow> fifo = entry.getValue();
            int looked = 0;
            for (Iterator<WorkRow> it = fifo.iterator(); it.hasNext() && looked < SCAN; looked++) {
                WorkRow w = it.next();
                if (fits.test(w)) {
                    it.remove();
                    queued.remove(w.uid());
                    inFlight.add(w.uid());
                    // This owner was served: to the back of the line.
                    owners.remove();
                    if (!fifo.isEmpty() || more.contains(entry.getKey())) {
                        byOwner.put(entry.getKey(), fifo);
                    }
                    return Optional.of(w);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Re-reads each owner's oldest pending works. One refill at a time: the others keep serving
     * from what is queued. The new content replaces the old per owner (works claimed elsewhere
     * drop out), keeping the owners' turn order and the works submitted here meanwhile.
     */
    private void refill() {
        if (!refilling.compareAndSet(false, true)) {
            return;
        }
        try {
            long asked = signal.refills();
            long started = nanos.getAsLong();
            Map<String, List<WorkRow>> loaded = jdbc.tx("refill ready queue", c -> {
                // Two statements for up to 32 owners, not one per owner.
                Map<String, List<WorkRow>> out = new HashMap<>();
                for (WorkRow w : works.oldestPendingOfEach(c, works.ownersWithPending(c), PER_OWNER)) {
                    out.computeIfAbsent(w.ownerUid(), o -> new ArrayList<>()).add(w);
                }
                return out;
            });
            loaded.values().forEach(l -> l.forEach(entering));
            admitSubmitted();
            synchronized (this) {
                List<WorkRow> keep = new ArrayList<>();
                for (ArrayDeque<WorkRow> fifo : byOwner.values()) {
                    for (WorkRow w : fifo) {
                        // Queued after the read started: the read may not have seen it.
                        if (recent.contains(w.uid())) {
                            keep.add(w);
                        }
                    }
                }
                LinkedHashMap<String, ArrayDeque<WorkRow>> old = new LinkedHashMap<>(byOwner);
                byOwner.clear();
                queued.clear();
                more.clear();
                for (String owner : old.keySet()) {
                    if (loaded.containsKey(owner)) {
                        byOwner.put(owner, new ArrayDeque<>());
                    }
                }
                for (Map.Entry<String, List<WorkRow>> e : loaded.entrySet()) {
                    for (WorkRow w : e.getValue()) {
                        if (!settledMeanwhile.contains(w.uid())) {
                            add(w);
                        }
                    }
                    if (e.getValue().size() >= PER_OWNER) {
                        more.add(e.getKey());
                    }
                }
                for (WorkRow w : keep) {
                    add(w);
                }
                byOwner.values().removeIf(ArrayDeque::isEmpty);
                lastRefillNanos = started;
                refillsSeen = asked;
                everFilled = true;
                recent.clear();
                settledMeanwhile.clear();
            }
        } finally {
            synchronized (this) {
                settledMeanwhile.clear();
            }
            refilling.set(false);
        }
    }

    private void add(WorkRow w) {
        if (!inFlight.contains(w.uid()) && queued.add(w.uid())) {
            byOwner.computeIfAbsent(w.ownerUid(), o -> new ArrayDeque<>()).addLast(w);
            if (refilling.get()) {
                recent.add(w.uid());
            }
        }
    }
}
