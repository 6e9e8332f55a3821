package xtremweb.server.task;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;
import xtremweb.common.wire.ResultBatch;
import xtremweb.common.wire.ResultBatchReceipt;
import xtremweb.common.wire.TaskResult;
import xtremweb.common.wire.TaskResultReceipt;
import xtremweb.common.wire.WorkRequest;
import xtremweb.common.wire.WorkResponse;
import xtremweb.server.data.DataService;
import xtremweb.server.http.ProblemTable;
import xtremweb.server.policy.Caller;

/**
 * Worker protocol 3: the small results of several tasks of one host in one exchange
 * ({@code POST /api/v1/worker/results}), each also its task's COMPLETED report, and the claim of the
 * host's next works.
 *
 * <p>Each result is recorded exactly as a lone upload of it would be (the same checks, the same
 * refusals, answered in its own receipt), on a virtual thread of its own, so that their
 * transactions reach the group commit together and are committed as one; the first result's
 * transaction also claims the next works, as a protocol-2 upload with {@code &next=N} does. One
 * result refused does not refuse the others.
 */
public final class ResultBatches {
    private final TaskOutcomes outcomes;
    private final WorkRequests claims;
    private final DataService datas;

    public ResultBatches(TaskOutcomes outcomes, WorkRequests claims, DataService datas) {
        this.outcomes = outcomes;
        this.claims = claims;
        this.datas = datas;
    }

    /** Records the batch's results and claims its next works; a receipt per result, in the batch's order. */
    public ResultBatchReceipt record(Caller caller, ResultBatch batch) throws InterruptedException {
        // Refused whole, not result by result: a user's token is no host's.
        outcomes.callingHost(caller);
        outcomes.batchReceived(batch.results().size());
        List<TaskResult> results = batch.results();
        TaskResultReceipt[] receipts = new TaskResultReceipt[results.size()];
        WorkResponse[] next = new WorkResponse[1];
        Map<String, String> context = MDC.getCopyOfContextMap();
        List<Thread> recording = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            int k = i;
            Integer claim = i == 0 ? batch.next() : null;
            recording.add(Thread.ofVirtual().name("result-" + k).start(() -> {
                if (context != null) {
                    MDC.setContextMap(context);
                }
                try {
                    receipts[k] = one(caller, results.get(k), k == 0, claim, next);
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
        }
        return new ResultBatchReceipt(List.of(receipts), next[0]);
    }

    /**
     * Records one result. The host's run of failures is ended once per batch, by its {@code first}
     * result (with the claim's statement when it carries one), not by a statement per result.
     */
    private TaskResultReceipt one(Caller caller, TaskResult r, boolean first, Integer claim, WorkResponse[] next) {
        try {
            var body = new ByteArrayInputStream(r.zip());
            if (claim == null) {
                return new TaskResultReceipt(r.taskUid(), datas.view(outcomes.resultGrouped(caller, r.taskUid(), body, r.zip().length,
                        r.sha256(), r.exitCode(), first)), null);
            }
            TaskOutcomes.WithNext recorded = outcomes.resultAndNext(caller, r.taskUid(), body, r.zip().length, r.sha256(),
                    r.exitCode(), claims, new WorkRequest(0, claim));
            next[0] = recorded.next();
            return new TaskResultReceipt(r.taskUid(), datas.view(recorded.result()), null);
        } catch (Exception e) {
            // Answered in its receipt, as a lone upload of it would have been; the others go on.
            return new TaskResultReceipt(r.taskUid(), null, ProblemTable.of(e, "result of task " + r.taskUid() + " in a batch"));
        }
    }
}
