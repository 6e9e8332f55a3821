package xtremweb.server.task;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import xtremweb.common.model.Uid;
import xtremweb.common.wire.Assignment;
import xtremweb.common.wire.ResultBatch;
import xtremweb.common.wire.TaskResult;
import xtremweb.common.wire.WorkRequest;
import xtremweb.common.wire.WorkResponse;
import xtremweb.server.data.DataRow;
import xtremweb.server.policy.Caller;
import xtremweb.server.refusal.InvalidInput;
import xtremweb.server.refusal.NotFound;

/**
 * Worker protocol 3: the small results of several tasks of one host in one exchange
 * ({@code POST /api/v1/worker/results}), each also its task's COMPLETED report, and the claim of the
 * host's next works.
 *
 * <p>Each result is recorded exactly as a lone upload of it would be (the same checks, the same
 * refusals, given back in its own outcome), on a virtual thread of its own, so that their
 * transactions reach the group commit together and are committed as one; the first result's
 * transaction also claims the next works, as a protocol-2 upload with {@code &next=N} does. One
 * result refused does not refuse the others.
 */
public final class ResultBatches {
    private static final Logger LOG = LoggerFactory.getLogger(ResultBatches.class);
    private final TaskOutcomes outcomes;
    private final WorkRequests claims;

    public ResultBatches(TaskOutcomes outcomes, WorkRequests claims) {
        this.outcomes = outcomes;
        this.claims = claims;
    }

    /** What became of one result: its data row once recorded, or why it was refused (exactly one is set). */
    public record Outcome(String taskUid, DataRow result, Exception refusal) {
    }

    /** The outcome of each result, in the batch's order, and the next works claimed (null when not asked). */
    public record Recorded(List<Outcome> outcomes, WorkResponse next) {
    }

    /** Records the batch's results and claims its next works. */
    public Recorded record(Caller caller, ResultBatch batch) throws InterruptedException {
        // Refused whole, not result by result: a user's token is no host's.
        outcomes.callingHost(caller);
        List<TaskResult> results = batch.results();
        List<String> taskUids = taskUids(results);
        outcomes.batchReceived(results.size());
        // The first result that names a task carries the claim and ends the host's run of failures.
        int lead = 0;
        while (lead < taskUids.size() - 1 && taskUids.get(lead) == null) {
            lead++;
        }
        Outcome[] recorded = new Outcome[results.size()];
        WorkResponse[] next = new WorkResponse[1];
        Map<String, String> context = MDC.getCopyOfContextMap();
        List<Thread> recording = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            int k = i;
            boolean first = i == lead;
            Integer claim = first ? batch.next() : null;
            String taskUid = taskUids.get(k);
            if (taskUid == null) {
                // Not a task UID: no task can have it, and no transaction is spent looking.
                recorded[k] = new Outcome(results.get(k).taskUid(), null, new NotFound("task-not-found",
                        "results[" + k + "].taskUid is not a task UID (like 0b6c1a0e-6f7e-4c55-9d0a-2f1d8c3b4a59)"));
                continue;
            }
            recording.add(Thread.ofVirtual().name("result-" + k).start(() -> {
                if (context != null) {
                    MDC.setContextMap(context);
                }
                try {
                    recorded[k] = one(caller, taskUid, results.get(k), first, claim, next);
                } finally {
                    MDC.clear();
                }
            }));
        }
        for (Thread t : recording) {
            t.join();
        }
        if (batch.next() != null && next[0] == null) {
            // The result that carried the claim was refused (its task no longer this host's, say):
            // the host's slots are free all the same.
            next[0] = claims.next(caller, new WorkRequest(0, batch.next()));
        } else if (batch.next() != null && next[0].all().size() < batch.next()) {
            next[0] = toppedUp(caller, next[0], batch.next());
        }
        return new Recorded(List.of(recorded), next[0]);
    }

    /**
     * The claim carried by the first result counted that result's task alone as ending (the others
     * were recorded side by side, not yet seen to end): a host at its cap (host.maxTasks) that
     * returned N results got one next work, not N. Now that every result of the batch is recorded
     * (and its task no longer counted), the rest of what was asked is claimed; the queue holding
     * nothing more for the host, that costs no transaction.
     */
    private WorkResponse toppedUp(Caller caller, WorkResponse first, int asked) {
        WorkResponse more;
        try {
            more = claims.next(caller, new WorkRequest(0, asked - first.all().size()));
        } catch (RuntimeException e) {
            // The first claim's works are the host's already: they are answered whatever happens here.
            LOG.info("claiming more works after a batch of results failed ({}); answered with the {} claimed", e.getMessage(),
                    first.all().size());
            return first;
        }
        if (more.all().isEmpty()) {
            return first;
        }
        List<Assignment> all = new ArrayList<>(first.all());
        all.addAll(more.all());
        return new WorkResponse(all.get(0), 0, more.alivePeriodSeconds(), all);
    }

    /**
     * The task UIDs the results name, in lower case as tasks are stored (null for one that is not a
     * UID). A task named twice whatever its capitals refuses the batch whole, as one named twice
     * alike does: on MariaDB both named the same task and were recorded side by side, one of them
     * refused 409 by chance, and on H2 the one in capitals was 404.
     */
    private static List<String> taskUids(List<TaskResult> results) {
        List<String> uids = new ArrayList<>(results.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < results.size(); i++) {
            String named = results.get(i).taskUid();
            if (!Uid.isUid(named)) {
                uids.add(null);
                continue;
            }
            String uid = named.toLowerCase(Locale.ROOT);
            Integer first = seen.putIfAbsent(uid, i);
            if (first != null) {
                throw new InvalidInput("results[" + first + "] and results[" + i + "] name the same task " + uid
                        + " (capitals do not matter); send each result once");
            }
            uids.add(uid);
        }
        return uids;
    }

    /**
     * Records one result. The host's run of failures is ended once per batch, by its {@code first}
     * result (with the claim's statement when it carries one), not by a statement per result.
     */
    private Outcome one(Caller caller, String taskUid, TaskResult r, boolean first, Integer claim, WorkResponse[] next) {
        try {
            var body = new ByteArrayInputStream(r.zip());
            if (claim == null) {
                return new Outcome(r.taskUid(), outcomes.resultGrouped(caller, taskUid, body, r.zip().length, r.sha256(),
                        r.exitCode(), first), null);
            }
            TaskOutcomes.WithNext recorded = outcomes.resultAndNext(caller, taskUid, body, r.zip().length, r.sha256(),
                    r.exitCode(), claims, new WorkRequest(0, claim));
            next[0] = recorded.next();
            return new Outcome(r.taskUid(), recorded.result(), null);
        } catch (Exception e) {
            // Given back in its outcome, answered as a lone upload of it would have been; the others go on.
            return new Outcome(r.taskUid(), null, e);
        }
    }
}
