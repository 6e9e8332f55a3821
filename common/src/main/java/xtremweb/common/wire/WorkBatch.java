package xtremweb.common.wire;

import java.util.List;

/**
 * {@code POST /api/v1/works/batch}: many jobs in one request, for parameter sweeps. Every job is
 * {@code common} with its own arguments and label; all are inserted or none.
 */
public record WorkBatch(WorkSubmit common, List<Job> jobs) {
    /** The most jobs one request may carry. */
    public static final int MAX_JOBS = 10_000;

    public WorkBatch {
        if (common == null) {
            throw new IllegalArgumentException("a batch needs the common part of its works (at least the app)");
        }
        jobs = jobs == null ? List.of() : List.copyOf(jobs);
        if (jobs.isEmpty() || jobs.size() > MAX_JOBS) {
            throw new IllegalArgumentException("a batch holds 1 to " + MAX_JOBS + " jobs, this one " + jobs.size());
        }
    }

    /** One job of a batch: its argument vector (passed exactly as given) and its label. */
    public record Job(List<String> args, String label) {
        public Job {
            args = args == null ? List.of() : List.copyOf(args);
        }
    }
}
