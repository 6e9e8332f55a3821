package xtremweb.gui.volunteer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import xtremweb.common.volunteer.WorkerStatus;
import xtremweb.gui.look.Tone;
import xtremweb.gui.table.Badge;
import xtremweb.gui.table.Column;

/** A task running on this machine, with how long it has been running when the status was read. */
record TaskRow(WorkerStatus.TaskNow task, Elapsed elapsed) {
    static TaskRow of(WorkerStatus.TaskNow task, Instant now) {
        return new TaskRow(task, new Elapsed(task.started() == null ? Duration.ZERO
                : Duration.between(task.started(), now).isNegative() ? Duration.ZERO : Duration.between(task.started(), now)));
    }

    Badge state() {
        return task.suspended() ? new Badge("FROZEN", Tone.WAITING, 1, "Frozen while the activation policy does not allow"
                + " computing") : new Badge("RUNNING", Tone.ACTIVE, 0);
    }

    String key() {
        return task.taskUid();
    }

    /** A duration as a clock shows it (1:02:03), sorted by its length. */
    record Elapsed(Duration duration) implements Comparable<Elapsed> {
        @Override
        public int compareTo(Elapsed other) {
            return duration.compareTo(other.duration);
        }

        @Override
        public String toString() {
            long seconds = duration.toSeconds();
            return String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
        }
    }

    static List<Column<TaskRow>> columns() {
        return List.of(
                Column.of("State", Badge.class, TaskRow::state, 9, "RUNNING, or FROZEN while the activation policy does not"
                        + " allow computing"),
                Column.of("App", String.class, r -> r.task().app(), 12, "The application the task runs"),
                Column.of("Started", Instant.class, r -> r.task().started(), 10, "When this worker started it (local time)"),
                Column.of("Elapsed", Elapsed.class, TaskRow::elapsed, 9, "How long it has been running (hours:minutes:seconds)"),
                Column.of("Work UID", String.class, r -> r.task().workUid(), 24, "The work it computes, as the server names it"),
                Column.of("Task UID", String.class, r -> r.task().taskUid(), 24, "This attempt of the work on this machine"));
    }
}
