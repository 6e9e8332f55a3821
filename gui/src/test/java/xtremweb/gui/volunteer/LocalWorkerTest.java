package xtremweb.gui.volunteer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.volunteer.LocalChannel;
import xtremweb.common.volunteer.OwnerControl;
import xtremweb.common.volunteer.WorkerStatus;

class LocalWorkerTest {
    private static final Instant NOW = Instant.parse("2026-12-03T20:00:00Z");
    @TempDir
    Path home;

    private LocalChannel channel() {
        return LocalChannel.ofWorkerHome(home);
    }

    private LocalWorker worker() {
        return new LocalWorker(channel(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static WorkerStatus status(long pid, Instant written, WorkerStatus.State state, long revision) {
        return new WorkerStatus(pid, written, written, "pc-1", "host-1", "https://grid:4325", state,
                new WorkerStatus.Policy("AlwaysActive", null, "AlwaysActive", false),
                new WorkerStatus.Verdict(true, "always allowed", written), List.of(), 1, 0, revision, null);
    }

    @Test
    void aWorkerThatNeverWroteItsStatusHasNotStarted() throws Exception {
        LocalWorker.Look look = worker().look();

        assertThat(look.liveness()).isEqualTo(LocalWorker.Liveness.NEVER_STARTED);
        assertThat(look.control()).isEqualTo(OwnerControl.NONE);
        assertThat(Headline.of(look).title()).isEqualTo("The worker has not started here yet");
    }

    @Test
    void aLiveProcessWithAFreshStatusRunsAndAStaleOneDoesNotAnswer() throws Exception {
        long me = ProcessHandle.current().pid();
        channel().writeStatus(status(me, NOW.minusSeconds(3), WorkerStatus.State.WAITING_FOR_WORK, 0));
        assertThat(worker().look().liveness()).isEqualTo(LocalWorker.Liveness.RUNNING);
        assertThat(Headline.of(worker().look()).title()).isEqualTo("Waiting for work");

        channel().writeStatus(status(me, NOW.minus(LocalWorker.STALE).minusSeconds(1), WorkerStatus.State.WAITING_FOR_WORK, 0));
        assertThat(worker().look().liveness()).isEqualTo(LocalWorker.Liveness.NOT_ANSWERING);
    }

    @Test
    void aWorkerWhoseProcessIsGoneOrThatSaidSoIsStopped() throws Exception {
        channel().writeStatus(status(ProcessHandle.current().pid(), NOW, WorkerStatus.State.STOPPED, 0));
        assertThat(worker().look().liveness()).isEqualTo(LocalWorker.Liveness.STOPPED);

        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        channel().writeStatus(status(gone.pid(), NOW, WorkerStatus.State.WAITING_FOR_WORK, 0));
        assertThat(worker().look().liveness()).isEqualTo(LocalWorker.Liveness.STOPPED);
        assertThat(Headline.of(worker().look()).title()).isEqualTo("The worker is not running");
    }

    @Test
    void eachRequestHasARevisionNewerThanAnyTheWorkerTookAndKeepsTheRest() throws Exception {
        channel().writeStatus(status(ProcessHandle.current().pid(), NOW, WorkerStatus.State.WAITING_FOR_WORK, 7));

        OwnerControl policy = worker().ask(c -> new OwnerControl(c.revision(), c.paused(), "DateActivator", "* 3"));
        OwnerControl paused = worker().ask(c -> new OwnerControl(c.revision(), true, c.activatorClass(), c.activatorDate()));

        assertThat(policy.revision()).isEqualTo(8);
        assertThat(paused).isEqualTo(new OwnerControl(9, true, "DateActivator", "* 3"));
        assertThat(channel().readControl()).contains(paused);
        assertThat(worker().look().took(9)).as("not yet taken").isFalse();
    }

    @Test
    void pausedSaysThatRunningTasksMayFinish() throws Exception {
        WorkerStatus s = status(ProcessHandle.current().pid(), NOW, WorkerStatus.State.PAUSED, 1);
        WorkerStatus running = new WorkerStatus(s.pid(), s.written(), s.started(), s.hostName(), s.hostUid(), s.server(),
                s.state(), s.policy(), s.verdict(), List.of(new WorkerStatus.TaskNow("t-1", "w-1", "apptest", NOW, false)),
                1, 0, 1, null);
        channel().writeStatus(running);

        Headline headline = Headline.of(worker().look());

        assertThat(headline.title()).isEqualTo("Paused");
        assertThat(headline.detail()).isEqualTo("You paused computing: the worker asks for no new work. 1 task started"
                + " before the pause may finish.");
    }
}
