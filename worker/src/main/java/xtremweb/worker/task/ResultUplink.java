package xtremweb.worker.task;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xtremweb.common.http.XwApiException;
import xtremweb.common.wire.Assignment;
import xtremweb.common.wire.ResultBatch;
import xtremweb.common.wire.ResultBatchReceipt;
import xtremweb.common.wire.TaskResult;
import xtremweb.common.wire.TaskResultReceipt;
import xtremweb.common.wire.WorkRequest;

/**
 * The worker's one way up for small results (protocol 3, {@code POST /api/v1/worker/results}): the
 * results of slots whose jobs end close together travel in one exchange.
 *
 * <p>Why: the exchange's own cost (TLS, HTTP, authentication, JSON) was about half of the server's
 * CPU per job, and a busy multi-slot worker paid it once per result. Batching is "group commit":
 * a result that finds no batch in flight goes at once, alone, so an idle worker waits for nothing;
 * results that end while a batch is in flight wait for it and then go together in the next one.
 * No timer, no thread of its own: the slot that finds the way free sends what waits (its own result
 * first in line or not) and the others wait for their receipts.
 *
 * <p>Each slot gets what a lone upload would have given it: its completion with its next works, or
 * its receipt's problem, or the whole call's failure, thrown as the HTTP client throws them, so the
 * slot acts on it as it acts on a lone upload (drop, keep and retry with its own back-off).
 */
final class ResultUplink {
    private static final Logger LOG = LoggerFactory.getLogger(ResultUplink.class);

    private final TaskServer server;
    /** Results waiting for the next batch, in the order their jobs ended. */
    private final Deque<Waiting> queue = new ArrayDeque<>();
    /** Whether a batch is on its way (only one at a time: the next one gathers meanwhile). */
    private boolean inFlight;

    ResultUplink(TaskServer server) {
        this.server = server;
    }

    /** One slot's result until its receipt arrives; its fields are read and written under the uplink's lock. */
    private static final class Waiting {
        final TaskResult result;
        final int next;
        boolean done;
        /** Set when done: the server did not take the batch as a batch (send this result alone). */
        boolean alone;
        TaskServer.Completion completion;
        RuntimeException failure;

        Waiting(TaskResult result, int next) {
            this.result = result;
            this.next = next;
        }
    }

    /**
     * Sends {@code result} with those of the other slots ending now, asking for up to {@code next}
     * next works for its slot; returns its completion (recorded, with the next works handed to this
     * slot). Empty when the server takes no batch (older than protocol 3, or it refused this batch
     * as a whole): the caller uploads the result alone. A refusal of this result or a failure of the
     * whole exchange is thrown ({@link XwApiException}, {@link xtremweb.common.http.XwConnectException}).
     */
    Optional<TaskServer.Completion> upload(TaskResult result, int next) {
        Waiting mine = new Waiting(result, next);
        synchronized (this) {
            queue.add(mine);
        }
        boolean interrupted = false;
        try {
            while (true) {
                List<Waiting> batch;
                synchronized (this) {
                    while (!mine.done && inFlight) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            // The exchange is bounded by the HTTP client's timeouts; the result must get its answer.
                            interrupted = true;
                        }
                    }
                    if (mine.done) {
                        return outcome(mine);
                    }
                    batch = nextBatch();
                    inFlight = true;
                }
                try {
                    exchange(batch);
                } finally {
                    synchronized (this) {
                        for (Waiting w : batch) {
                            if (!w.done) {
                                // Only an Error gets here: its slot must not wait for ever.
                                w.failure = new IllegalStateException("the batch of results failed to go");
                                w.done = true;
                            }
                        }
                        inFlight = false;
                        notifyAll();
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** How many results wait for the next batch (a batch being on its way). */
    synchronized int waiting() {
        return queue.size();
    }

    private static Optional<TaskServer.Completion> outcome(Waiting done) {
        if (done.failure != null) {
            throw done.failure;
        }
        return done.alone ? Optional.empty() : Optional.of(done.completion);
    }

    /**
     * The waiting results, oldest first, up to a batch's limits; a task already taken stays for the
     * next batch (a batch names each task once). Called with the lock held and the queue not empty.
     */
    private List<Waiting> nextBatch() {
        List<Waiting> batch = new ArrayList<>();
        Set<String> tasks = new HashSet<>();
        long bytes = 0;
        for (Iterator<Waiting> it = queue.iterator(); it.hasNext() && batch.size() < WorkRequest.MAX_SLOTS; ) {
            Waiting w = it.next();
            int size = w.result.zip().length;
            if (bytes + size > ResultBatch.MAX_BATCH_BYTES) {
                break;
            }
            if (tasks.add(w.result.taskUid())) {
                it.remove();
                batch.add(w);
                bytes += size;
            }
        }
        return batch;
    }

    /** One exchange for {@code batch}; every result in it is done when this returns. */
    private void exchange(List<Waiting> batch) {
        int next = Math.min(WorkRequest.MAX_SLOTS, batch.stream().mapToInt(w -> w.next).sum());
        Optional<ResultBatchReceipt> answer;
        try {
            answer = server.uploadBatch(new ResultBatch(batch.stream().map(w -> w.result).toList(), next > 0 ? next : null));
        } catch (XwApiException e) {
            if (e.status() == 400 || e.status() == 413) {
                // The batch as a whole was refused (a flaw of this worker): each result goes alone, nothing is lost.
                LOG.warn("the server refused a batch of {} result(s) (HTTP {} {}): {}; uploading them one by one",
                        batch.size(), e.status(), e.code(), e.getMessage());
                finish(batch, w -> w.alone = true);
                return;
            }
            finish(batch, w -> w.failure = e);
            return;
        } catch (RuntimeException e) {
            finish(batch, w -> w.failure = e);
            return;
        }
        if (answer.isEmpty()) {
            finish(batch, w -> w.alone = true);
            return;
        }
        hand(batch, answer.get());
    }

    /**
     * Each result gets its own receipt; the next works go to the slots that asked and whose result
     * was recorded, in the batch's order. The server claims {@code next} works even when some of
     * those results were refused (their slots are free too), but a refused slot drops its task and
     * returns nothing: the works left over are given back at once (no failure counted), never left
     * to a lease that runs out.
     */
    private void hand(List<Waiting> batch, ResultBatchReceipt answer) {
        Map<String, TaskResultReceipt> receipts = new HashMap<>();
        for (TaskResultReceipt r : answer.receipts()) {
            if (r != null && r.taskUid() != null) {
                receipts.put(r.taskUid(), r);
            }
        }
        Deque<Assignment> works = new ArrayDeque<>(answer.next() == null ? List.of() : answer.next().all());
        synchronized (this) {
            for (Waiting w : batch) {
                TaskResultReceipt receipt = receipts.get(w.result.taskUid());
                if (receipt == null || (receipt.recorded() == (receipt.problem() != null))) {
                    // Not answered (a faulty server): as if the exchange broke off; the result is kept and sent again.
                    w.failure = new XwApiException(502, "bad-receipt", "the server's answer to a batch of results has no"
                            + " usable receipt for task " + w.result.taskUid());
                } else if (receipt.recorded()) {
                    List<Assignment> mine = new ArrayList<>();
                    for (int i = 0; i < w.next && !works.isEmpty(); i++) {
                        mine.add(works.poll());
                    }
                    w.completion = new TaskServer.Completion(true, mine);
                } else {
                    w.failure = new XwApiException(receipt.problem().status(), receipt.problem().code(),
                            receipt.problem().detail());
                }
            }
        }
        for (Assignment left : works) {
            giveBack(left);
        }
        finish(batch, w -> { });
    }

    private void giveBack(Assignment work) {
        try {
            server.giveBack(work.taskUid());
            LOG.info("task {} (work {}) given back at once, not started: claimed with a batch of results for a slot whose"
                    + " result was refused", work.taskUid(), work.workUid());
        } catch (RuntimeException e) {
            // The server re-queues it when its lease expires.
            LOG.info("task {} (work {}) not started; giving it back failed: {}", work.taskUid(), work.workUid(), e.getMessage());
        }
    }

    private synchronized void finish(List<Waiting> batch, java.util.function.Consumer<Waiting> how) {
        for (Waiting w : batch) {
            how.accept(w);
            w.done = true;
        }
    }
}
