package xtremweb.gui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.swing.SwingUtilities;
import xtremweb.gui.admin.AdminTab;
import xtremweb.gui.apps.AppsTab;
import xtremweb.gui.data.DataTab;
import xtremweb.gui.frame.MainWindow;
import xtremweb.gui.frame.View;
import xtremweb.gui.grid.TasksTab;
import xtremweb.gui.grid.WorkersTab;
import xtremweb.gui.groupings.GroupingsTab;
import xtremweb.gui.prefs.UserPrefs;
import xtremweb.gui.session.LoginDialog;
import xtremweb.gui.session.LoginForm;
import xtremweb.gui.session.Owners;
import xtremweb.gui.session.Session;
import xtremweb.gui.works.WorksTab;

/**
 * The graphical client put together: the main window, the login dialog it opens first, and the tabs a
 * session gets (the administration tab for a SUPER_USER only). Built and used on the event thread.
 */
public final class Gui {
    private final UserPrefs prefs;
    private final Optional<Path> config;
    private final MainWindow window;
    private Session session;

    public Gui(UserPrefs prefs, Optional<Path> config) {
        this.prefs = prefs;
        this.config = config;
        this.window = new MainWindow(prefs, new MainWindow.Session() {
            @Override
            public void logIn() {
                Gui.this.logIn();
            }

            @Override
            public void logOut() {
                Gui.this.logOut();
            }
        });
    }

    public MainWindow window() {
        return window;
    }

    /** Shows the window and, on top of it, the login dialog prefilled from the configuration. */
    public void start() {
        window.setVisible(true);
        SwingUtilities.invokeLater(this::logIn);
    }

    public void logIn() {
        new LoginDialog(window, LoginForm.prefill(config, prefs), window.background(), prefs, this::loggedIn).setVisible(true);
    }

    private void loggedIn(Session opened) {
        Session previous = session;
        session = opened;
        window.connected(opened.who(), views(opened));
        if (previous != null) {
            window.background().quietly("Closing the previous session", p -> {
                previous.client().logOut();
                return null;
            }, none -> { }, error -> { });
        }
    }

    private void logOut() {
        Session closing = session;
        session = null;
        window.disconnected();
        if (closing != null) {
            window.background().run("Logging out", p -> {
                closing.client().logOut();
                return null;
            }, none -> window.shell().status().say("Logged out"), error -> { });
        }
    }

    private List<View> views(Session opened) {
        Owners owners = new Owners(opened);
        WorksTab works = new WorksTab(window.shell("Works"), opened);
        List<View> views = new ArrayList<>();
        views.add(works);
        views.add(new AppsTab(window.shell("Apps"), opened, owners));
        views.add(new DataTab(window.shell("Data"), opened, owners));
        views.add(new GroupingsTab(window.shell("Sessions"), opened, owners, GroupingsTab.Kind.SESSIONS, uid -> {
            works.showSession(uid);
            window.select(works);
        }));
        views.add(new GroupingsTab(window.shell("Groups"), opened, owners, GroupingsTab.Kind.GROUPS, uid -> {
            works.showGroup(uid);
            window.select(works);
        }));
        views.add(new WorkersTab(window.shell("Workers"), opened, owners));
        views.add(new TasksTab(window.shell("Tasks"), opened));
        if (opened.may().superUser()) {
            views.add(new AdminTab(window.shell("Administration"), opened));
        }
        return views;
    }
}
