package xtremweb.server.task;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import xtremweb.server.work.WorkRow;

/**
 * The tasks this server started a moment ago, in memory, as their claim wrote them: the task with
 * the lease it was given, and its work as the claim left it (RUNNING, one version further). A
 * result upload of such a task records the result without first reading task and work back in a
 * transaction of its own: one transaction and one commit fewer per job.
 *
 * <p>Only a hint, never the truth: the upload's conditional updates (the work still RUNNING at that
 * version, the task still RUNNING) decide as they always did, and when they find the rows moved
 * since the claim (a chmod or a delete by the owner, a lease lost, another server), the upload reads
 * the rows and decides on them, as without the hint. A heartbeat only lengthens the lease, so a
 * hint whose lease is over is not used (the row may say otherwise). Bounded, and forgotten a lease
 * after the claim.
 */
public final class StartedTasks {
    /** More tasks than this running at once on one server's workers are read back as before. */
    static final int MOST = 200_000;

    /** A task as its claim inserted it, with its work as the claim left it. */
    record Started(TaskRow task, WorkRow work) {
    }

    private final Cache<String, Started> byTask;
    private final Consumer<String> ended;

    /** {@code lease}: how long a claim's lease lasts (a hint is of no use after it). */
    public StartedTasks(Duration lease) {
        this(lease, task -> { });
    }

    /** As {@link #StartedTasks(Duration)}, telling {@code ended} of every task that ends here (the count of {@link HeldTasks}). */
    public StartedTasks(Duration lease, Consumer<String> ended) {
        this.byTask = Caffeine.newBuilder().maximumSize(MOST).expireAfterWrite(lease).build();
        this.ended = ended;
    }

    /** A claim committed: {@code task} inserted, {@code claimed} the work as the claim left it. */
    public void started(TaskRow task, WorkRow claimed) {
        byTask.put(task.uid(), new Started(task, claimed));
    }

    /** The task as started, if this server started it for {@code hostUid} and its first lease still runs at {@code now}. */
    Optional<Started> of(String taskUid, String hostUid, Instant now) {
        Started s = byTask.getIfPresent(taskUid);
        if (s == null || !s.task().hostUid().equals(hostUid) || !s.task().leaseExpires().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(s);
    }

    /** The task ended here: its hint goes. */
    void ended(String taskUid) {
        byTask.invalidate(taskUid);
        ended.accept(taskUid);
    }

    /** Tasks known now (for tests). */
    long size() {
        byTask.cleanUp();
        return byTask.estimatedSize();
    }
}
