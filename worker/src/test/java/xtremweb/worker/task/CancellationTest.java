package xtremweb.worker.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** A cancel from the server says what it did: killed a job, found none running, or no such task. */
@EnabledOnOs(OS.LINUX)
class CancellationTest {
    private final RunningTasks running = new RunningTasks();

    @Test
    void aRunningJobIsKilled() throws Exception {
        RunningTask task = running.start("t-1");
        Process job = new ProcessBuilder("sleep", "60").start();
        task.attach(job);

        assertThat(running.cancel("t-1")).isEqualTo(RunningTasks.Cancel.KILLED);

        assertThat(job.waitFor(10, TimeUnit.SECONDS)).as("killed").isTrue();
        assertThat(task.cancelled()).isTrue();
    }

    @Test
    void aTaskWhoseJobEndedHasNothingToKillButIsNotSentAnyMore() throws Exception {
        RunningTask task = running.start("t-2");
        Process job = new ProcessBuilder("true").start();
        task.attach(job);
        job.waitFor();
        task.detach(job);

        assertThat(running.cancel("t-2")).isEqualTo(RunningTasks.Cancel.NO_PROCESS);
        assertThat(task.cancelled()).as("neither uploaded nor reported").isTrue();
    }

    @Test
    void aJobStartedAfterItsCancelIsKilledAsItStarts() throws Exception {
        RunningTask task = running.start("t-3");

        assertThat(running.cancel("t-3")).isEqualTo(RunningTasks.Cancel.NO_PROCESS);
        Process job = new ProcessBuilder("sleep", "60").start();
        task.attach(job);

        assertThat(job.waitFor(10, TimeUnit.SECONDS)).as("killed as it started").isTrue();
    }

    @Test
    void aFinishedTaskIsNotHere() {
        running.finish(running.start("t-4"));

        assertThat(running.cancel("t-4")).isEqualTo(RunningTasks.Cancel.NOT_HERE);
    }
}
