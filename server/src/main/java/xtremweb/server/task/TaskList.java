package xtremweb.server.task;

import java.util.List;
import xtremweb.common.wire.TaskView;
import xtremweb.server.db.Jdbc;
import xtremweb.server.policy.Caller;

/** The task listing ({@code xwtasks}). */
public final class TaskList {
    private static final int TASK_LIST_LIMIT = 10_000;
    private final Jdbc jdbc;
    private final TaskRepository tasks = new TaskRepository();

    public TaskList(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code xwtasks}: a SUPER_USER sees every task, others those of their works and of their hosts. */
    public List<TaskView> tasks(Caller caller) {
        return jdbc.tx("list tasks", c -> tasks.listed(c, caller.isSuperUser() ? null : caller.userUid(), TASK_LIST_LIMIT));
    }
}
