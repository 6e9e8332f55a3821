package xtremweb.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlurmTest {
    private final List<List<String>> ran = new ArrayList<>();

    private Slurm slurm(String answer, SlurmOptions options) {
        return new Slurm(options, command -> {
            ran.add(command);
            return answer;
        });
    }

    private static SlurmOptions options(Optional<String> partition, int memory, List<String> extra) {
        return new SlurmOptions(partition, Optional.of("grid"), Optional.empty(), 30, 2, memory, extra, 90, "xwpilot", "xwbridge-a");
    }

    @Test
    void pilotsAreSubmittedAsOneArrayWithTheConfiguredResourcesAndTheWarningSignal() {
        String id = slurm("4242\n", options(Optional.of("short"), 2048, List.of("--exclusive")))
                .submit(5, Path.of("/h/pilots/1/pilot.sh"), Path.of("/h/scratch"), Path.of("/h/logs"));

        assertThat(id).isEqualTo("4242");
        assertThat(ran.get(0)).containsExactly("sbatch", "--parsable", "--array=1-5", "--job-name=xwpilot", "--comment=xwbridge-a",
                "--chdir=/h/scratch", "--output=/h/logs/pilot-%A_%a.out", "--time=30", "--cpus-per-task=2", "--ntasks=1", "--nodes=1",
                "--signal=B:USR1@90", "--partition=short", "--account=grid", "--mem=2048", "--exclusive", "/h/pilots/1/pilot.sh");
    }

    @Test
    void sbatchOnAFederationNamesItsClusterAfterTheIdAndAnythingElseIsAnError() {
        assertThat(Slurm.parseSubmitted("77;cluster2\n")).isEqualTo("77");
        assertThatThrownBy(() -> Slurm.parseSubmitted("sbatch: error: Batch job submission failed")).isInstanceOf(BatchException.class)
                .hasMessageContaining("no job id");
    }

    @Test
    void onlyThisBridgesPilotsAreListedOnePerArrayTaskWithTheirState() {
        String squeue = String.join("\n",
                "4242_3|4242|PENDING|xwbridge-a",
                "4242_1|4242|RUNNING|xwbridge-a",
                "4242_2|4242|COMPLETING|xwbridge-a",
                "5000_1|5000|PENDING|xwbridge-other",
                "garbage",
                "17|17|CONFIGURING|xwbridge-a", "");
        List<PilotJob> jobs = slurm(squeue, options(Optional.empty(), 0, List.of())).list();

        assertThat(jobs).containsExactly(new PilotJob("4242_3", "4242", PilotJob.State.QUEUED),
                new PilotJob("4242_1", "4242", PilotJob.State.RUNNING), new PilotJob("4242_2", "4242", PilotJob.State.ENDING),
                new PilotJob("17", "17", PilotJob.State.RUNNING));
        assertThat(ran.get(0)).contains("--me", "--noheader", "--array", "--name=xwpilot", "--format=%i|%F|%T|%k");
    }

    @Test
    void cancellingNamesEachPilotAndNothingIsRunForNone() {
        Slurm slurm = slurm("", options(Optional.empty(), 0, List.of()));
        slurm.cancel(List.of());
        slurm.cancel(List.of("4242_3", "4242_4"));
        assertThat(ran).containsExactly(List.of("scancel", "4242_3", "4242_4"));
    }

    @Test
    void aBatchCommandThatFailsSaysWhichItsExitCodeAndItsMessage() {
        Commands real = Commands.processes(java.time.Duration.ofSeconds(10));
        assertThatThrownBy(() -> real.run(List.of("sh", "-c", "echo 'invalid partition' >&2; exit 1")))
                .isInstanceOf(BatchException.class).hasMessageContaining("exit code 1").hasMessageContaining("invalid partition");
        assertThatThrownBy(() -> real.run(List.of("no-such-batch-command-xw"))).isInstanceOf(BatchException.class)
                .hasMessageContaining("installed");
        assertThat(real.run(List.of("sh", "-c", "echo 12;"))).isEqualTo("12\n");
    }
}
