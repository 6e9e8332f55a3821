package xtremweb.benchmark.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.WorkBatch;
import xtremweb.common.wire.WorkBatchResult;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.common.wire.WorkView;

/**
 * The jobs/s phase as scientists submit: a parameter sweep, its works sent by batch (as
 * {@code xwsendwork --xwparams} does, up to {@link WorkBatch#MAX_JOBS} a request), then each result
 * awaited with the long poll ({@code GET /works/{uid}?waitSeconds=}, as {@code xwresult --xwwait})
 * and downloaded. Printed beside the one-by-one phase, which stays: a job then costs one submission
 * call and commit of its own, here a share of one.
 */
final class Sweep {
    /** Waiting clients, as many as the one-by-one phase's fetchers. */
    static final int WAITERS = 16;
    private static final int WAIT_SECONDS = 30;
    private final Api api;
    private final String token;
    private final int resultBytes;
    private final AtomicInteger failures;

    Sweep(Api api, String token, int resultBytes, AtomicInteger failures) {
        this.api = api;
        this.token = token;
        this.resultBytes = resultBytes;
        this.failures = failures;
    }

    /** Runs {@code jobs} works of the app through their life; answers the seconds from the first submission to the last result. */
    double run(String app, int jobs) throws Exception {
        LinkedBlockingQueue<String> submitted = new LinkedBlockingQueue<>();
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            AtomicInteger left = new AtomicInteger(jobs);
            List<Future<?>> waiters = new ArrayList<>();
            for (int i = 0; i < WAITERS; i++) {
                waiters.add(pool.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        String uid = submitted.poll(5, TimeUnit.MINUTES);
                        if (uid == null) {
                            throw new IllegalStateException("no work submitted for 5 minutes");
                        }
                        await(uid);
                    }
                    return null;
                }));
            }
            for (int sent = 0; sent < jobs; ) {
                int n = Math.min(WorkBatch.MAX_JOBS, jobs - sent);
                List<WorkBatch.Job> batch = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    batch.add(new WorkBatch.Job(List.of(String.valueOf(sent + i)), null));
                }
                submitted.addAll(api.post("/api/v1/works/batch", token, new WorkBatch(new WorkSubmit(app, List.of(), null, null, null), batch),
                        WorkBatchResult.class).uids());
                sent += n;
            }
            for (Future<?> w : waiters) {
                w.get();
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private void await(String uid) {
        WorkView w = api.get("/api/v1/works/" + uid + "?waitSeconds=" + WAIT_SECONDS, token, WorkView.class);
        while (w.status() != WorkStatus.COMPLETED && w.status() != WorkStatus.ERROR) {
            w = api.get("/api/v1/works/" + uid + "?waitSeconds=" + WAIT_SECONDS, token, WorkView.class);
        }
        if (w.status() != WorkStatus.COMPLETED || api.getBytes("/api/v1/datas/" + w.resultDataUid() + "/content", token).length != resultBytes) {
            failures.incrementAndGet();
        }
    }
}
