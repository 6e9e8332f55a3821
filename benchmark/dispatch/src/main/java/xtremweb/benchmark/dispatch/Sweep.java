package xtremweb.benchmark.dispatch;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import xtremweb.common.http.ContentsReader;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.DataContents;
import xtremweb.common.wire.WorkAwait;
import xtremweb.common.wire.WorkBatch;
import xtremweb.common.wire.WorkBatchResult;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.common.wire.WorkView;

/**
 * The jobs/s phase as scientists submit: a parameter sweep, its works sent by batch (as
 * {@code xwsendwork --xwparams} does, up to {@link WorkBatch#MAX_JOBS} a request), then the results
 * awaited as {@code xwresult --xwwait} does with several UIDs: each waiter takes a share of the
 * works and long-polls them all at once ({@code POST /works/await}, the not-yet-ended ones again
 * each time), downloading the results of the works each answer found ended in one call
 * ({@code POST /datas/contents}; {@code -Dbench.sweepFetch=one}: one content GET each). Printed beside the one-by-one phase, which
 * stays: a job then costs one submission call and commit of its own, here a share of one.
 */
final class Sweep {
    /** Waiting clients, as many as the one-by-one phase's fetchers. */
    static final int WAITERS = 16;
    private static final int WAIT_SECONDS = 30;
    private final Api api;
    private final String token;
    private final int resultBytes;
    private final AtomicInteger failures;
    private final AtomicInteger awaitCalls = new AtomicInteger();
    private final AtomicInteger contentCalls = new AtomicInteger();
    /**
     * How results are fetched: {@code batch} (default) all the results of the works one waiting call
     * found ended in one {@code POST /datas/contents}, as the client API's
     * {@code Data.downloadContents}; {@code one} a content GET each, as before that call existed.
     */
    static final boolean BATCH_FETCH = !"one".equals(System.getProperty("bench.sweepFetch", "batch"));

    Sweep(Api api, String token, int resultBytes, AtomicInteger failures) {
        this.api = api;
        this.token = token;
        this.resultBytes = resultBytes;
        this.failures = failures;
    }

    /** The {@code POST /works/await} calls made so far: the waiting's cost in requests. */
    int awaitCalls() {
        return awaitCalls.get();
    }

    /** The calls that fetched result contents so far. */
    int contentCalls() {
        return contentCalls.get();
    }

    /** Runs {@code jobs} works of the app through their life; answers the seconds from the first submission to the last result. */
    double run(String app, int jobs) throws Exception {
        LinkedBlockingQueue<String> submitted = new LinkedBlockingQueue<>();
        // Each waiter holds at most its share, so that all of them wait (and download) from the first batch on.
        int share = Math.min(WorkAwait.MAX_WORKS, Math.max(1, (jobs + WAITERS - 1) / WAITERS));
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            AtomicInteger untaken = new AtomicInteger(jobs);
            List<Future<?>> waiters = new ArrayList<>();
            for (int i = 0; i < WAITERS; i++) {
                waiters.add(pool.submit(() -> {
                    awaitShare(submitted, untaken, share);
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

    /** One waiter: takes submitted works up to its share, awaits them together, downloads each ended one's result. */
    private void awaitShare(LinkedBlockingQueue<String> submitted, AtomicInteger untaken, int share) throws InterruptedException {
        Set<String> mine = new LinkedHashSet<>();
        long idleSince = System.nanoTime();
        while (true) {
            while (mine.size() < share) {
                String uid = mine.isEmpty() ? submitted.poll(100, TimeUnit.MILLISECONDS) : submitted.poll();
                if (uid == null) {
                    break;
                }
                mine.add(uid);
                untaken.decrementAndGet();
            }
            if (mine.isEmpty()) {
                if (untaken.get() <= 0) {
                    return;
                }
                if (System.nanoTime() - idleSince > TimeUnit.MINUTES.toNanos(5)) {
                    throw new IllegalStateException("no work submitted for 5 minutes");
                }
                continue;
            }
            awaitCalls.incrementAndGet();
            List<String> results = new ArrayList<>();
            for (WorkView w : api.post("/api/v1/works/await", token, new WorkAwait(List.copyOf(mine), WAIT_SECONDS), WorkView[].class)) {
                mine.remove(w.uid());
                if (w.status() != WorkStatus.COMPLETED) {
                    failures.incrementAndGet();
                } else if (BATCH_FETCH) {
                    results.add(w.resultDataUid());
                } else {
                    contentCalls.incrementAndGet();
                    if (api.getBytes("/api/v1/datas/" + w.resultDataUid() + "/content", token).length != resultBytes) {
                        failures.incrementAndGet();
                    }
                }
            }
            for (int from = 0; from < results.size(); from += DataContents.MAX_DATAS) {
                fetch(results.subList(from, Math.min(results.size(), from + DataContents.MAX_DATAS)));
            }
            idleSince = System.nanoTime();
        }
    }

    /** The contents of these results in one call, each checked (size and SHA-256) as it is read. */
    private void fetch(List<String> results) {
        contentCalls.incrementAndGet();
        api.postStreaming("/api/v1/datas/contents", token, new DataContents(results), in -> {
            ContentsReader.read(in, results, new ContentsReader.Sink() {
                @Override
                public OutputStream open(DataContents.Header header) {
                    if (header.size() != resultBytes) {
                        failures.incrementAndGet();
                    }
                    return OutputStream.nullOutputStream();
                }

                @Override
                public void done(DataContents.Header header) {
                }
            });
            return null;
        });
    }
}
