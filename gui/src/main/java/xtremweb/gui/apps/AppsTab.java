package xtremweb.gui.apps;

import java.awt.event.KeyEvent;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import javax.swing.Action;
import javax.swing.JOptionPane;
import xtremweb.common.wire.AppBinary;
import xtremweb.common.wire.AppView;
import xtremweb.gui.files.LocalFiles;
import xtremweb.gui.frame.Actions;
import xtremweb.gui.frame.Dialogs;
import xtremweb.gui.frame.ListTab;
import xtremweb.gui.frame.Noun;
import xtremweb.gui.frame.Shell;
import xtremweb.gui.session.Owners;
import xtremweb.gui.session.Session;
import xtremweb.gui.table.Column;

/**
 * The apps tab: the apps the user may read, with their binaries (one per OS and CPU). Inserting is
 * offered to STANDARD_USER and above, deleting to the owner or an administrator. An app's rights
 * follow from who inserted it and never change, so there is no "change rights" here.
 */
public final class AppsTab extends ListTab<AppView> {
    private final Session session;
    private final Owners owners;
    private final Action insert;
    private final Action download;
    private final Action delete;

    public AppsTab(Shell shell, Session session, Owners owners) {
        super(shell, "apps", new Noun("app", "apps"), columns(owners), AppView::uid);
        this.session = session;
        this.owners = owners;
        insert = Actions.of("&Insert app...", Actions.shortcut(KeyEvent.VK_N),
                "Add an app, or a binary for another OS or CPU to an app you own", e -> insert());
        download = Actions.of("&Download binary...", Actions.shortcut(KeyEvent.VK_D), "Save one of the selected app's binaries",
                e -> downloadBinary());
        delete = Actions.of("D&elete", Actions.key(KeyEvent.VK_DELETE), "Delete the selected apps (their names are never reused)",
                e -> delete());
        if (session.may().mayInsert()) {
            tool(insert);
        }
        tool(download);
        tool(delete);
        rows.bind(Actions.shortcut(KeyEvent.VK_D), download);
        rows.bind(Actions.key(KeyEvent.VK_DELETE), delete);
        rows.contextMenu(List.of(download, delete));
        rows.onSelection(this::enableActions);
        enableActions();
    }

    private static List<Column<AppView>> columns(Owners owners) {
        return List.of(
                Column.of("Name", String.class, AppView::name, 14, "The app's name, as xwsendwork takes it"),
                Column.of("Binaries", String.class, AppsTab::platforms, 24, "The OS/CPU pairs it has a binary for"),
                Column.of("Owner", String.class, a -> owners.login(a.ownerUid()), 10, "Who inserted it"),
                Column.of("Rights", String.class, AppView::accessRights, 7,
                        "0x755 public (inserted by an ADVANCED_USER or above), 0x700 private"),
                Column.of("Inserted", Instant.class, AppView::created, 15, "When it was inserted (local time)"),
                Column.uid(AppView::uid, "The app's unique identifier"));
    }

    static String platforms(AppView app) {
        return app.binaries().stream().map(b -> b.os() + "/" + b.cpu()).sorted().collect(Collectors.joining(", "));
    }

    @Override
    public String title() {
        return "Apps";
    }


    @Override
    public String tooltip() {
        return "The applications works run, and their binaries";
    }

    @Override
    protected List<AppView> load() {
        owners.refresh();
        return session.client().apps().list();
    }

    @Override
    protected void loaded() {
        enableActions();
    }

    @Override
    protected String emptyHint() {
        if (!loadedOnce()) {
            return "Loading the apps...";
        }
        return session.may().mayInsert()
                ? "No app you may use yet.\nPress \"Insert app\" to add one: a name and a binary for each OS and CPU."
                : "No app you may use yet.\nAn administrator inserts public apps; this account may not insert any.";
    }

    private void enableActions() {
        List<AppView> selected = rows.selected();
        Actions.allow(download, selected.size() == 1 && !selected.get(0).binaries().isEmpty(),
                "Save one of the selected app's binaries", "select one app");
        Actions.allow(delete, !selected.isEmpty() && selected.stream().allMatch(a -> session.may().mayChange(a.ownerUid())),
                "Delete the selected apps (their names are never reused)",
                selected.isEmpty() ? "select apps" : "only their owner or an administrator may");
    }

    private void insert() {
        new InsertAppDialog(shell, session, rows.selected().stream().findFirst().map(AppView::name).orElse(""), app -> {
            shell.status().say("App '" + app.name() + "' inserted");
            // As a new work is on the works tab: what was just made is what the user acts on next.
            rows.selectWhenShown(java.util.Set.of(app.uid()));
            refresh(false);
        }).setVisible(true);
    }

    private void downloadBinary() {
        List<AppView> selected = rows.selected();
        if (selected.size() != 1) {
            return;
        }
        AppView app = selected.get(0);
        AppBinary binary = app.binaries().get(0);
        if (app.binaries().size() > 1) {
            Object picked = JOptionPane.showInputDialog(shell.window(), "Which binary of '" + app.name() + "'?",
                    "Download binary", JOptionPane.PLAIN_MESSAGE, null,
                    app.binaries().stream().map(b -> b.os() + "/" + b.cpu()).toArray(), null);
            if (picked == null) {
                return;
            }
            binary = app.binaries().stream().filter(b -> (b.os() + "/" + b.cpu()).equals(picked)).findFirst().orElse(binary);
        }
        AppBinary chosen = binary;
        LocalFiles.chooseTarget(shell.window(), shell.prefs(), "downloads", "Save the binary as",
                app.name() + "-" + chosen.os() + "-" + chosen.cpu()).ifPresent(target ->
                shell.background().run("Downloading " + app.name() + " for " + chosen.os() + "/" + chosen.cpu(), progress -> {
                    var data = session.client().data().reporting(progress);
                    data.download(data.get(chosen.dataUid()), target);
                    return target;
                }, saved -> shell.status().say("Saved " + saved)));
    }

    /** What deleting {@code what} ("the app 'x'", "3 apps") does, asked before it is done, in lines that fit the eye. */
    static String deleteQuestion(String what) {
        return Dialogs.wrapped("Delete " + what + "? No new work can use it, its works that no worker has started yet end in"
                + " ERROR, and its name cannot be used again.");
    }

    private void delete() {
        List<AppView> selected = rows.selected();
        if (selected.isEmpty()) {
            return;
        }
        String what = selected.size() == 1 ? "the app '" + selected.get(0).name() + "'" : selected.size() + " apps";
        if (JOptionPane.showConfirmDialog(shell.window(), deleteQuestion(what), "Delete " + what,
                JOptionPane.OK_CANCEL_OPTION, JOptionPane.WARNING_MESSAGE) != JOptionPane.OK_OPTION) {
            return;
        }
        shell.background().run("Deleting " + what, progress -> {
            int ended = 0;
            for (AppView app : selected) {
                ended += session.client().apps().delete(app.uid());
            }
            return ended;
        }, ended -> {
            // As xwrm says it: the works that ended with the app are the user's to see, not a silent side effect.
            shell.status().say("Deleted " + what + (ended == 0 ? "" : "; " + ended + (ended == 1 ? " work" : " works")
                    + " that no worker had started ended in ERROR with it"));
            refresh(false);
        });
    }
}
