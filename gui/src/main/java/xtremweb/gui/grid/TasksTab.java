package xtremweb.gui.grid;

import java.awt.event.KeyEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import xtremweb.common.wire.TaskView;
import xtremweb.gui.frame.ListTab;
import xtremweb.gui.frame.Noun;
import xtremweb.gui.frame.Shell;
import xtremweb.gui.look.Tone;
import xtremweb.gui.session.Session;
import xtremweb.gui.table.Badge;
import xtremweb.gui.table.Column;

/** The tasks tab, as {@code xwtasks}: each attempt of a work on a worker, with its lease, newest first. */
public final class TasksTab extends ListTab<TasksTab.Row> {
    /** A task with the label of its work and the name of its host. */
    public record Row(TaskView task, String work, String host) {
        Badge status() {
            return switch (task.status()) {
                case RUNNING -> new Badge("RUNNING", Tone.ACTIVE, 0);
                case DONE -> new Badge("DONE", Tone.GOOD, 1);
                case LOST -> new Badge("LOST", Tone.BAD, 2);
            };
        }
    }

    private final Session session;

    public TasksTab(Shell shell, Session session) {
        super(shell, "tasks", new Noun("task", "tasks"), columns(), row -> row.task().uid());
        this.session = session;
    }

    private static List<Column<Row>> columns() {
        return List.of(
                Column.of("Status", Badge.class, Row::status, 11, "RUNNING on its host, DONE, or LOST (given to another host)"),
                Column.of("Work", String.class, Row::work, 18, "The work's label (or the start of its UID)"),
                Column.of("Host", String.class, Row::host, 14, "The worker that ran it"),
                Column.of("Started", Instant.class, r -> r.task().started(), 15, "When the worker took it (local time)"),
                Column.of("Ended", Instant.class, r -> r.task().ended(), 15, "When it ended (local time)"),
                Column.of("Lease until", Instant.class, r -> r.task().leaseExpires(), 15,
                        "Without a heartbeat from its host by then, the work is given to another"),
                Column.of("Work UID", String.class, r -> r.task().workUid(), Column.UID_CHARS, "The work's unique identifier"),
                Column.of("Task UID", String.class, r -> r.task().uid(), Column.UID_CHARS, "The task's unique identifier"));
    }

    @Override
    public String title() {
        return "Tasks";
    }


    @Override
    public String tooltip() {
        return "Each attempt of a work on a worker, with its lease (xwtasks)";
    }

    @Override
    public Duration refreshEvery() {
        return Duration.ofSeconds(5);
    }

    @Override
    protected List<Row> load() {
        List<TaskView> tasks = session.client().hosts().tasks();
        Map<String, String> works = new HashMap<>();
        session.client().works().list(Optional.empty())
                .forEach(w -> works.put(w.uid(), w.label() == null || w.label().isBlank() ? shortUid(w.uid()) : w.label()));
        Map<String, String> hosts = new HashMap<>();
        session.client().hosts().list().forEach(h -> hosts.put(h.uid(), h.name()));
        return tasks.stream().map(t -> new Row(t, works.getOrDefault(t.workUid(), shortUid(t.workUid())),
                hosts.getOrDefault(t.hostUid(), shortUid(t.hostUid())))).toList();
    }

    @Override
    protected String emptyHint() {
        if (!loadedOnce()) {
            return "Loading the tasks...";
        }
        return "No task yet.\nA task appears when a worker takes one of your works; submit one in the Works tab.";
    }

    private static String shortUid(String uid) {
        int dash = uid == null ? -1 : uid.indexOf('-');
        return dash > 0 ? uid.substring(0, dash) : String.valueOf(uid);
    }
}
