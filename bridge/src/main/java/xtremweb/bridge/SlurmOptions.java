package xtremweb.bridge;

import java.util.List;
import java.util.Optional;

/**
 * How pilots are submitted to Slurm ({@code slurm.*} keys): partition, account and QOS when set,
 * the time limit in minutes, CPUs and memory (MiB, 0 = the partition's default) per pilot, extra
 * {@code sbatch} options, how long before the limit Slurm warns the pilot, and the job name and
 * comment ({@code tag}) the bridge recognises its pilots by.
 */
record SlurmOptions(Optional<String> partition, Optional<String> account, Optional<String> qos, int timeMinutes, int cpus,
                    int memoryMb, List<String> extraOptions, int signalSeconds, String jobName, String tag) {
    SlurmOptions {
        extraOptions = List.copyOf(extraOptions);
    }
}
