package xtremweb.worker.pilot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchJobTest {
    private static final Path CWD = Path.of("/home/u/job");

    @Test
    void anArrayTaskIsNamedAsSqueuePrintsItAndRunsOnTheCpusSlurmGaveIt() {
        BatchJob job = BatchJob.fromSlurm(Map.of("SLURM_JOB_ID", "1240", "SLURM_ARRAY_JOB_ID", "1234", "SLURM_ARRAY_TASK_ID", "7",
                "SLURM_CPUS_ON_NODE", "4"), CWD, 64).orElseThrow();
        assertThat(job).isEqualTo(new BatchJob("1234_7", 4, CWD));
    }

    @Test
    void cpusPerTaskWinsOverTheNodesCountAndTheSitesScratchOverTheWorkingDirectory() {
        BatchJob job = BatchJob.fromSlurm(Map.of("SLURM_JOB_ID", "55", "SLURM_CPUS_PER_TASK", "2", "SLURM_CPUS_ON_NODE", "8",
                "SLURM_TMPDIR", "/scratch/55"), CWD, 64).orElseThrow();
        assertThat(job).isEqualTo(new BatchJob("55", 2, Path.of("/scratch/55")));
    }

    @Test
    void withoutACpuCountTheMachinesIsUsedAndGarbageIsIgnored() {
        assertThat(BatchJob.fromSlurm(Map.of("SLURM_JOB_ID", "9", "SLURM_CPUS_ON_NODE", "many"), CWD, 3).orElseThrow().cpus())
                .isEqualTo(3);
        assertThat(BatchJob.fromSlurm(Map.of("SLURM_JOB_ID", "9", "SLURM_CPUS_PER_TASK", "0"), CWD, 3).orElseThrow().cpus())
                .isEqualTo(3);
    }

    @Test
    void outsideASlurmJobThereIsNoBatchJob() {
        assertThat(BatchJob.fromSlurm(Map.of("HOME", "/root"), CWD, 2)).isEmpty();
    }
}
