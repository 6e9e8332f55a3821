package xtremweb.worker.pilot;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The batch job a pilot runs in, as its environment describes it: the id the batch system prints
 * ({@code 1234_7} for task 7 of Slurm array 1234), the CPUs it was given, and its scratch
 * directory.
 */
record BatchJob(String jobId, int cpus, Path scratch) {
    BatchJob {
        if (cpus < 1) {
            throw new IllegalArgumentException("a batch job has at least one CPU, not " + cpus);
        }
    }

    /**
     * From Slurm's variables: SLURM_ARRAY_JOB_ID and SLURM_ARRAY_TASK_ID (else SLURM_JOB_ID); the
     * CPUs from SLURM_CPUS_PER_TASK, else SLURM_CPUS_ON_NODE (what the batch step got on this node);
     * the scratch directory from SLURM_TMPDIR (set by many sites' prologs), else the job's working
     * directory. Empty outside a Slurm job.
     */
    static Optional<BatchJob> fromSlurm(Map<String, String> env, Path workingDirectory, int machineCpus) {
        String array = env.get("SLURM_ARRAY_JOB_ID");
        String task = env.get("SLURM_ARRAY_TASK_ID");
        String job = array != null && task != null ? array + "_" + task : env.get("SLURM_JOB_ID");
        if (job == null || job.isBlank()) {
            return Optional.empty();
        }
        int cpus = positive(env.get("SLURM_CPUS_PER_TASK")).or(() -> positive(env.get("SLURM_CPUS_ON_NODE"))).orElse(machineCpus);
        String tmp = env.get("SLURM_TMPDIR");
        Path scratch = tmp != null && !tmp.isBlank() ? Path.of(tmp) : workingDirectory;
        return Optional.of(new BatchJob(job.trim(), cpus, scratch));
    }

    private static Optional<Integer> positive(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            int n = Integer.parseInt(value.trim());
            return n > 0 ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
