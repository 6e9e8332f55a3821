package xtremweb.worker.volunteer;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import xtremweb.common.volunteer.WorkerStatus;
import xtremweb.worker.activator.ActivatorSettings;
import xtremweb.worker.loop.Activation;
import xtremweb.worker.task.RunningTasks;

/** The worker's status as the volunteer's window shows it, taken from the parts that know. */
public final class StatusReport implements Supplier<WorkerStatus> {
    private final Supplier<Optional<String>> hostUid;
    private final String server;
    private final String hostName;
    private final int poolSize;
    private final Activation activation;
    private final RunningTasks running;
    private final OwnerWishes wishes;
    private final Clock clock;
    private final Instant started;

    public StatusReport(Supplier<Optional<String>> hostUid, String server, String hostName, int poolSize, Activation activation,
                        RunningTasks running, OwnerWishes wishes, Clock clock) {
        this.hostUid = hostUid;
        this.server = server;
        this.hostName = hostName;
        this.poolSize = poolSize;
        this.activation = activation;
        this.running = running;
        this.wishes = wishes;
        this.clock = clock;
        this.started = clock.instant();
    }

    @Override
    public WorkerStatus get() {
        List<WorkerStatus.TaskNow> tasks = running.now();
        Optional<String> host = hostUid.get();
        WorkerStatus.State state;
        if (host.isEmpty()) {
            state = WorkerStatus.State.CONNECTING;
        } else if (wishes.paused()) {
            state = WorkerStatus.State.PAUSED;
        } else if (!activation.active()) {
            state = WorkerStatus.State.NOT_ALLOWED;
        } else if (!tasks.isEmpty()) {
            state = WorkerStatus.State.COMPUTING;
        } else {
            state = WorkerStatus.State.WAITING_FOR_WORK;
        }
        ActivatorSettings settings = wishes.policy();
        WorkerStatus.Policy policy = new WorkerStatus.Policy(String.join(",", settings.policies()),
                settings.date() == null ? null : settings.date().text(), activation.policy(), wishes.ownPolicy());
        return new WorkerStatus(ProcessHandle.current().pid(), clock.instant(), started, hostName, host.orElse(null), server,
                state, policy, activation.verdict().orElse(null), tasks, poolSize, running.completed(), wishes.revision(),
                wishes.problem());
    }
}
