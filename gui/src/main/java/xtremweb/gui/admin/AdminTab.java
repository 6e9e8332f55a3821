package xtremweb.gui.admin;

import java.awt.event.KeyEvent;
import java.time.Duration;
import javax.swing.JComponent;
import javax.swing.JSplitPane;
import xtremweb.gui.frame.Shell;
import xtremweb.gui.frame.View;
import xtremweb.gui.session.Session;

/** The administration tab, shown to a SUPER_USER only: users above, user groups below. */
public final class AdminTab implements View {
    private final UsersTab users;
    private final UsergroupsTab usergroups;
    private final JSplitPane split;

    public AdminTab(Shell shell, Session session) {
        usergroups = new UsergroupsTab(shell, session);
        users = new UsersTab(shell, session, usergroups);
        split = new JSplitPane(JSplitPane.VERTICAL_SPLIT, users.component(), usergroups.component());
        split.setName("admin");
        split.setResizeWeight(0.65);
        split.setContinuousLayout(true);
    }

    @Override
    public String title() {
        return "Administration";
    }


    @Override
    public String tooltip() {
        return "Users and user groups (administrators only)";
    }

    @Override
    public JComponent component() {
        return split;
    }

    @Override
    public void focus() {
        users.focus();
    }

    @Override
    public void refresh(boolean quiet) {
        usergroups.refresh(quiet);
        users.refresh(quiet);
    }

    @Override
    public Duration refreshEvery() {
        return Duration.ofSeconds(30);
    }

    @Override
    public String rowsText() {
        return users.rowsText() + ", " + usergroups.rowsText();
    }
}
