package xtremweb.gui.admin;

import java.awt.event.KeyEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.swing.Action;
import javax.swing.JOptionPane;
import xtremweb.common.wire.UsergroupView;
import xtremweb.gui.frame.Actions;
import xtremweb.gui.frame.ListTab;
import xtremweb.gui.frame.Noun;
import xtremweb.gui.frame.Shell;
import xtremweb.gui.session.Session;
import xtremweb.gui.table.Column;

/** User groups: create, delete (refused by the server while the group has members), list. */
final class UsergroupsTab extends ListTab<UsergroupView> {
    private final Session session;
    private final Action create;
    private final Action delete;
    /** Labels by UID, for the users table (read from any thread). */
    private final Map<String, String> labels = new ConcurrentHashMap<>();

    UsergroupsTab(Shell shell, Session session) {
        super(shell, "usergroups", new Noun("user group", "user groups"), columns(), UsergroupView::uid);
        this.session = session;
        create = Actions.of("New user &group...", null, "Create a user group: its members share group rights", e -> create());
        delete = Actions.of("Delete user group", null, "Delete the selected user groups (only empty ones)", e -> delete());
        tool(create);
        tool(delete);
        rows.contextMenu(List.of(delete));
        rows.onSelection(() -> Actions.allow(delete, !rows.selected().isEmpty(),
                "Delete the selected user groups (only empty ones)", "select user groups"));
        Actions.allow(delete, false, "Delete the selected user groups (only empty ones)", "select user groups");
    }

    private static List<Column<UsergroupView>> columns() {
        return List.of(
                Column.of("User group", String.class, UsergroupView::label, 18, "The group's label (xwsenduser takes it)"),
                Column.of("Created", Instant.class, UsergroupView::created, 15, "When it was created (local time)"),
                Column.uid(UsergroupView::uid, "The group's unique identifier"));
    }

    @Override
    public String title() {
        return "User groups";
    }


    @Override
    public String tooltip() {
        return "User groups";
    }

    @Override
    protected List<UsergroupView> load() {
        return learn(session.client().admin().usergroups());
    }

    /** Remembers the labels of {@code groups} for the users table; off the event thread. */
    List<UsergroupView> learn(List<UsergroupView> groups) {
        groups.forEach(g -> labels.put(g.uid(), g.label()));
        return groups;
    }

    @Override
    protected String emptyHint() {
        return loadedOnce() ? "No user group yet.\nPress \"New user group\"; then give users a group when you create them."
                : "Loading the user groups...";
    }

    String label(String uid) {
        return uid == null ? "" : labels.getOrDefault(uid, uid);
    }

    List<UsergroupView> groups() {
        return rows.rows();
    }

    private void create() {
        String label = JOptionPane.showInputDialog(shell.window(), "Label of the new user group:", "New user group",
                JOptionPane.PLAIN_MESSAGE);
        if (label == null || label.isBlank()) {
            return;
        }
        shell.background().run("Creating the user group '" + label.trim() + "'",
                progress -> session.client().admin().createUsergroup(label.trim()), created -> {
                    shell.status().say("Created the user group '" + created.label() + "'");
                    rows.selectWhenShown(java.util.Set.of(created.uid()));
                    refresh(false);
                });
    }

    private void delete() {
        List<UsergroupView> selected = rows.selected();
        if (selected.isEmpty()) {
            return;
        }
        String what = selected.size() == 1 ? "the user group '" + selected.get(0).label() + "'" : selected.size() + " user groups";
        if (JOptionPane.showConfirmDialog(shell.window(), "Delete " + what + "?", "Delete " + what,
                JOptionPane.OK_CANCEL_OPTION, JOptionPane.WARNING_MESSAGE) != JOptionPane.OK_OPTION) {
            return;
        }
        shell.background().run("Deleting " + what, progress -> {
            selected.forEach(g -> session.client().admin().deleteUsergroup(g.uid()));
            return selected.size();
        }, n -> {
            shell.status().say("Deleted " + what);
            refresh(false);
        });
    }
}
