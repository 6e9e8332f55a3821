package xtremweb.bridge;

import java.nio.file.Path;
import java.util.List;

/**
 * What the bridge needs from a batch system: submit pilots as one array, list its own pilots with
 * their state, cancel some. An HTCondor ({@code condor_submit}, {@code condor_q},
 * {@code condor_rm}) or PBS ({@code qsub -J}, {@code qstat}, {@code qdel}) version is one class.
 * Every call fails with {@link BatchException} saying what the batch system answered.
 */
public interface BatchSystem {
    /** A short name for logs ("slurm"). */
    String name();

    /**
     * Submits {@code count} pilots running {@code script}, in {@code workDir} (their scratch unless
     * the site gives jobs one), their output in {@code logDir}; returns the array's job id.
     */
    String submit(int count, Path script, Path workDir, Path logDir);

    /** The pilots this bridge submitted that the batch system still knows, one per array task. */
    List<PilotJob> list();

    /** Cancels these pilots (ids as {@link #list} gives them). */
    void cancel(List<String> jobIds);
}
