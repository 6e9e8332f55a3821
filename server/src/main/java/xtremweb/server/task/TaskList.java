package xtremweb.server.task;

import java.util.List;
import xtremweb.common.wire.TaskView;
import xtremweb.server.db.Jdbc;
import xtremweb.server.policy.AccessPolicy;
import xtremweb.server.policy.Caller;

/** The task listing ({@code xwtasks}). */
public final class TaskList {
    private static final int TASK_LIST_LIMIT = 10_000;
    private final Jdbc jdbc;
    private final TaskRepository tasks = new TaskRepository();
    private final AccessPolicy policy = new AccessPolicy();

    public TaskList(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * {@code xwtasks}: a SUPER_USER sees every task, others those of their works and of the hosts they
     * manage. A WORKER_USER account manages no host (xwworkers lists none): one such account is shared
     * by many volunteers' machines, and its tasks would show each volunteer every user's works and
     * every other volunteer's machine names.
     */
    public List<TaskView> tasks(Caller caller) {
        if (caller.isSuperUser()) {
            return jdbc.tx("list tasks", c -> tasks.listed(c, null, null, TASK_LIST_LIMIT));
        }
        String hostOwner = policy.mayManageHost(caller, caller.userUid()) ? caller.userUid() : null;
        return jdbc.tx("list tasks", c -> tasks.listed(c, caller.userUid(), hostOwner, TASK_LIST_LIMIT));
    }
}
