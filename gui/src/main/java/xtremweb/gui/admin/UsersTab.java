package xtremweb.gui.admin;

import java.awt.event.KeyEvent;
import java.util.List;
import javax.swing.Action;
import javax.swing.JOptionPane;
import xtremweb.common.model.UserRights;
import xtremweb.common.wire.UserView;
import xtremweb.gui.frame.Actions;
import xtremweb.gui.frame.Dialogs;
import xtremweb.gui.frame.ListTab;
import xtremweb.gui.frame.Noun;
import xtremweb.gui.frame.Shell;
import xtremweb.gui.look.Tone;
import xtremweb.gui.session.Session;
import xtremweb.gui.table.Badge;
import xtremweb.gui.table.Column;

/** Users: create (the password typed twice, never shown), delete, list. */
final class UsersTab extends ListTab<UserView> {
    private final Session session;
    private final UsergroupsTab usergroups;
    private final Action create;
    private final Action delete;

    UsersTab(Shell shell, Session session, UsergroupsTab usergroups) {
        super(shell, "users", new Noun("user", "users"), columns(usergroups), UserView::uid);
        this.session = session;
        this.usergroups = usergroups;
        create = Actions.of("&New user...", Actions.shortcut(KeyEvent.VK_N), "Create an account: login, rights, group, password",
                e -> create());
        delete = Actions.of("D&elete user", Actions.key(KeyEvent.VK_DELETE),
                "Delete the selected users: their sessions and workers stop at once", e -> delete());
        tool(create);
        tool(delete);
        rows.bind(Actions.key(KeyEvent.VK_DELETE), delete);
        rows.contextMenu(List.of(delete));
        rows.onSelection(this::enableActions);
        enableActions();
    }

    private static List<Column<UserView>> columns(UsergroupsTab usergroups) {
        return List.of(
                Column.of("Login", String.class, UserView::login, 14, "The login the user logs in with"),
                Column.of("Rights", Badge.class, UsersTab::rights, 18,
                        "NONE < WORKER_USER < STANDARD_USER < ADVANCED_USER < SUPER_USER"),
                Column.of("User group", String.class, u -> usergroups.label(u.usergroupUid()), 14, "The user's group, if any"),
                Column.of("Email", String.class, UserView::email, 20, "The user's email address"),
                Column.uid(UserView::uid, "The user's unique identifier"));
    }

    private static Badge rights(UserView user) {
        Tone tone = switch (user.rights()) {
            case SUPER_USER -> Tone.BAD;
            case ADVANCED_USER -> Tone.ACTIVE;
            case STANDARD_USER -> Tone.GOOD;
            case WORKER_USER, NONE -> Tone.MUTED;
        };
        return new Badge(user.rights().name(), tone, user.rights().ordinal());
    }

    @Override
    public String title() {
        return "Users";
    }


    @Override
    public String tooltip() {
        return "Users";
    }

    @Override
    protected List<UserView> load() {
        // The groups' labels first, so that the users' show their group's label, not its UID.
        usergroups.learn(session.client().admin().usergroups());
        return session.client().admin().users();
    }

    @Override
    protected String emptyHint() {
        return loadedOnce() ? "No user.\nPress \"New user\" to create one." : "Loading the users...";
    }

    private void enableActions() {
        List<UserView> selected = rows.selected();
        boolean notMe = selected.stream().noneMatch(u -> u.uid().equals(session.me().uid()));
        Actions.allow(delete, !selected.isEmpty() && notMe, "Delete the selected users: their sessions and workers stop at once",
                selected.isEmpty() ? "select users" : "you cannot delete yourself here");
    }

    private void create() {
        UserRights highest = session.me().rights();
        new CreateUserDialog(shell, session, highest, usergroups.groups(), user -> {
            shell.status().say("Created the user '" + user.login() + "' (" + user.rights() + ")");
            rows.selectWhenShown(java.util.Set.of(user.uid()));
            refresh(false);
        }).setVisible(true);
    }

    private void delete() {
        List<UserView> selected = rows.selected();
        if (selected.isEmpty()) {
            return;
        }
        String what = selected.size() == 1 ? "the user '" + selected.get(0).login() + "'" : selected.size() + " users";
        String question = Dialogs.wrapped("Delete " + what + "? Their logins stop working at once (their tokens and"
                + " workers' credentials are revoked); what they submitted stays.");
        if (JOptionPane.showConfirmDialog(shell.window(), question, "Delete " + what,
                JOptionPane.OK_CANCEL_OPTION, JOptionPane.WARNING_MESSAGE) != JOptionPane.OK_OPTION) {
            return;
        }
        shell.background().run("Deleting " + what, progress -> {
            selected.forEach(u -> session.client().admin().deleteUser(u.uid()));
            return selected.size();
        }, n -> {
            shell.status().say("Deleted " + what);
            refresh(false);
        });
    }
}
