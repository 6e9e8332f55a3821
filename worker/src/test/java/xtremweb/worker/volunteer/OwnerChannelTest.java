package xtremweb.worker.volunteer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xtremweb.common.config.XwConfig;
import xtremweb.common.volunteer.LocalChannel;
import xtremweb.common.volunteer.OwnerControl;
import xtremweb.common.volunteer.WorkerStatus;
import xtremweb.worker.activator.ActivatorSettings;
import xtremweb.worker.activator.Activators;
import xtremweb.worker.loop.Activation;
import xtremweb.worker.server.StopSignal;
import xtremweb.worker.task.RunningTasks;

class OwnerChannelTest {
    @TempDir
    Path home;
    private Instant now = Instant.parse("2026-11-22T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private Optional<String> hostUid = Optional.empty();

    private OwnerChannel channel(LocalChannel files) throws Exception {
        files.createPrivately();
        ActivatorSettings configured = ActivatorSettings.from(XwConfig.of(Map.of(), "worker.conf", Path.of(".")));
        RunningTasks running = new RunningTasks();
        Activation activation = new Activation(Activators.create(configured, clock, Set::of), running, clock,
                Duration.ofSeconds(5), Duration.ofMinutes(10), new StopSignal());
        activation.decideFirst();
        OwnerWishes wishes = new OwnerWishes(configured, s -> Activators.create(s, clock, Set::of), activation,
                files.controlFile());
        StatusReport report = new StatusReport(() -> hostUid, "https://localhost:4325", "pc-1", 2, activation, running,
                wishes, clock);
        return new OwnerChannel(files, wishes, report, new StopSignal(), clock);
    }

    @Test
    void theStatusIsForTheOwnerAloneAndSaysWhatTheWorkerDoes() throws Exception {
        LocalChannel files = LocalChannel.ofWorkerHome(home);
        OwnerChannel owner = channel(files);

        owner.poll();

        assertThat(Files.getPosixFilePermissions(files.dir())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(files.statusFile())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        WorkerStatus status = files.readStatus().orElseThrow();
        assertThat(status.state()).isEqualTo(WorkerStatus.State.CONNECTING);
        assertThat(status.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(status.policy().description()).isEqualTo("AlwaysActive");
        assertThat(status.policy().fromOwner()).isFalse();
        assertThat(status.verdict().mayCompute()).isTrue();
        assertThat(status.verdict().reason()).isEqualTo("always allowed");
        assertThat(status.tasks()).isEmpty();

        hostUid = Optional.of("host-1");
        owner.poll();
        assertThat(files.readStatus().orElseThrow().state()).isEqualTo(WorkerStatus.State.WAITING_FOR_WORK);
        assertThat(files.readStatus().orElseThrow().hostUid()).isEqualTo("host-1");
        try (var left = Files.list(files.dir())) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no temporary file left").containsExactly("status.json");
        }
    }

    @Test
    void aPauseWrittenByTheWindowIsTakenAtTheNextPollAndAcknowledged() throws Exception {
        LocalChannel files = LocalChannel.ofWorkerHome(home);
        OwnerChannel owner = channel(files);
        hostUid = Optional.of("host-1");
        owner.poll();

        files.writeControl(new OwnerControl(1, true, null, null));
        owner.poll();

        WorkerStatus status = files.readStatus().orElseThrow();
        assertThat(status.state()).isEqualTo(WorkerStatus.State.PAUSED);
        assertThat(status.controlRevision()).isEqualTo(1);
        assertThat(status.controlProblem()).isNull();
        assertThat(Files.getPosixFilePermissions(files.controlFile())).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        files.writeControl(new OwnerControl(2, false, "DateActivator", "every day"));
        owner.poll();
        status = files.readStatus().orElseThrow();
        assertThat(status.state()).isEqualTo(WorkerStatus.State.WAITING_FOR_WORK);
        assertThat(status.controlRevision()).isEqualTo(2);
        assertThat(status.controlProblem()).contains("every");
    }

    @Test
    void anUnchangedStatusIsRewrittenOnlyEveryFewSecondsAndTheLastOneSaysStopped() throws Exception {
        LocalChannel files = LocalChannel.ofWorkerHome(home);
        OwnerChannel owner = channel(files);
        owner.poll();
        Instant first = files.readStatus().orElseThrow().written();

        now = now.plusSeconds(1);
        owner.poll();
        assertThat(files.readStatus().orElseThrow().written()).isEqualTo(first);

        now = now.plus(OwnerChannel.REWRITE);
        owner.poll();
        assertThat(files.readStatus().orElseThrow().written()).isAfter(first);

        owner.stopped();
        assertThat(files.readStatus().orElseThrow().state()).isEqualTo(WorkerStatus.State.STOPPED);
    }

    @Test
    void aControlFileThatIsNotOneIsSaidInTheStatusAndChangesNothing() throws Exception {
        LocalChannel files = LocalChannel.ofWorkerHome(home);
        OwnerChannel owner = channel(files);
        files.writeControl(new OwnerControl(1, true, null, null));
        owner.poll();

        Files.writeString(files.controlFile(), "not json");
        owner.poll();

        WorkerStatus status = files.readStatus().orElseThrow();
        assertThat(status.controlProblem()).startsWith("The worker cannot read what the window asked: ")
                .contains("control.json is not readable");
        assertThat(status.controlRevision()).isEqualTo(1);
        assertThat(status.state()).as("still paused").isIn(WorkerStatus.State.PAUSED, WorkerStatus.State.CONNECTING);
    }
}
