package xtremweb.gui.groupings;

import java.awt.event.KeyEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.swing.Action;
import javax.swing.JOptionPane;
import xtremweb.client.api.Groupings;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.GroupingView;
import xtremweb.common.wire.WorkView;
import xtremweb.gui.files.LocalFiles;
import xtremweb.gui.frame.Actions;
import xtremweb.gui.frame.Dialogs;
import xtremweb.gui.frame.ListTab;
import xtremweb.gui.frame.Noun;
import xtremweb.gui.frame.Shell;
import xtremweb.gui.rights.RightsDialog;
import xtremweb.gui.session.Owners;
import xtremweb.gui.session.Session;
import xtremweb.gui.table.Column;
import xtremweb.gui.works.Results;

/**
 * The sessions tab or the groups tab (they behave alike): create one, show its works in the works
 * tab, download the results of its completed works, change its rights, delete it with its works.
 */
public final class GroupingsTab extends ListTab<GroupingView> {
    /** Sessions or groups: the words and the client calls that differ. */
    public enum Kind {
        SESSIONS("session", "sessions", "Sessions"),
        GROUPS("group", "groups", "Groups");

        private final String one;
        private final String many;
        private final String title;

        Kind(String one, String many, String title) {
            this.one = one;
            this.many = many;
            this.title = title;
        }

        Groupings calls(Session session) {
            return this == SESSIONS ? session.client().sessions() : session.client().groups();
        }

        /** The COMPLETED works of one session or group, every page of them. */
        List<WorkView> completedWorks(Session session, String uid) {
            Optional<String> one = Optional.of(uid);
            return session.client().works().listAll(Optional.of(WorkStatus.COMPLETED), this == SESSIONS ? one : Optional.empty(),
                    this == GROUPS ? one : Optional.empty(), Integer.MAX_VALUE).works();
        }
    }

    private final Session session;
    private final Kind kind;
    private final Action create;
    private final Action showWorks;
    private final Action results;
    private final Action chmod;
    private final Action delete;

    /** {@code show} opens the works tab on the works of one session or group. */
    public GroupingsTab(Shell shell, Session session, Owners owners, Kind kind, Consumer<String> show) {
        super(shell, kind.many, new Noun(kind.one, kind.many), columns(owners, kind), GroupingView::uid);
        this.session = session;
        this.kind = kind;
        create = Actions.of("&New " + kind.one + "...", Actions.shortcut(KeyEvent.VK_N),
                "Create a " + kind.one + " to insert works into (private until you change its rights)", e -> create());
        showWorks = Actions.of("Show &works", null, "Show the works of the selected " + kind.one + " in the Works tab",
                e -> rows.selected().stream().findFirst().ifPresent(g -> show.accept(g.uid())));
        results = Actions.of("&Download results...", Actions.shortcut(KeyEvent.VK_D),
                "Download the results of every COMPLETED work of the selected " + kind.many, e -> downloadResults());
        chmod = Actions.of("Change ri&ghts...", null, "Who else may see the selected " + kind.many
                + " or insert works into them", e -> chmod());
        delete = Actions.of("D&elete", Actions.key(KeyEvent.VK_DELETE), "Delete the selected " + kind.many
                + " and every work in them", e -> delete());
        if (session.may().mayInsert()) {
            tool(create);
        }
        tool(showWorks);
        tool(results);
        tool(chmod);
        tool(delete);
        rows.onOpen(showWorks);
        rows.bind(Actions.shortcut(KeyEvent.VK_D), results);
        rows.bind(Actions.key(KeyEvent.VK_DELETE), delete);
        rows.contextMenu(List.of(showWorks, results, chmod, delete));
        rows.onSelection(this::enableActions);
        enableActions();
    }

    private static List<Column<GroupingView>> columns(Owners owners, Kind kind) {
        return List.of(
                Column.of("Name", String.class, GroupingView::name, 18, "The " + kind.one + "'s name (names need not be unique)"),
                Column.of("Owner", String.class, g -> owners.login(g.ownerUid()), 10, "Who created it"),
                Column.of("Rights", String.class, GroupingView::accessRights, 7,
                        "0x700 private; 0x770 lets the owner's user group insert works"),
                Column.of("Created", Instant.class, GroupingView::created, 15, "When it was created (local time)"),
                Column.uid(GroupingView::uid, "Its unique identifier (xwsendwork --xw" + kind.one + " UID)"));
    }

    @Override
    public String title() {
        return kind.title;
    }


    @Override
    public String tooltip() {
        return kind == Kind.SESSIONS ? "Sessions: runs of works you follow and delete together"
                : "Groups of works, to sort and fetch works together";
    }

    @Override
    protected List<GroupingView> load() {
        return kind.calls(session).list();
    }

    @Override
    protected void loaded() {
        enableActions();
    }

    @Override
    protected String emptyHint() {
        if (!loadedOnce()) {
            return "Loading the " + kind.many + "...";
        }
        return session.may().mayInsert()
                ? "No " + kind.one + " yet.\nPress \"New " + kind.one + "\", then choose it when you submit works."
                : "No " + kind.one + " you may see.";
    }

    private void enableActions() {
        List<GroupingView> selected = rows.selected();
        boolean mine = !selected.isEmpty() && selected.stream().allMatch(g -> session.may().mayChange(g.ownerUid()));
        String why = selected.isEmpty() ? "select " + kind.many : "only their owner or an administrator may";
        Actions.allow(showWorks, selected.size() == 1, "Show the works of the selected " + kind.one + " in the Works tab",
                "select one " + kind.one);
        Actions.allow(results, !selected.isEmpty(), "Download the results of every COMPLETED work of the selected "
                + kind.many, "select " + kind.many);
        Actions.allow(chmod, mine, "Who else may see the selected " + kind.many + " or insert works into them", why);
        Actions.allow(delete, mine, "Delete the selected " + kind.many + " and every work in them", why);
    }

    private void create() {
        String name = JOptionPane.showInputDialog(shell.window(), "Name of the new " + kind.one + ":", "New " + kind.one,
                JOptionPane.PLAIN_MESSAGE);
        if (name == null || name.isBlank()) {
            return;
        }
        shell.background().run("Creating the " + kind.one + " '" + name.trim() + "'",
                progress -> kind.calls(session).create(name.trim()), created -> {
                    shell.status().say("Created the " + kind.one + " '" + created.name() + "'");
                    rows.selectWhenShown(java.util.Set.of(created.uid()));
                    refresh(false);
                });
    }

    private void downloadResults() {
        List<GroupingView> selected = rows.selected();
        if (selected.isEmpty()) {
            return;
        }
        LocalFiles.chooseFolder(shell.window(), shell.prefs(), "results", "Download the results into").ifPresent(folder ->
                shell.background().run("Listing the works of the " + kind.many, progress ->
                        selected.stream().flatMap(g -> kind.completedWorks(session, g.uid()).stream()).toList(),
                        works -> {
                            if (works.isEmpty()) {
                                shell.status().say("No COMPLETED work in the selected " + kind.many + " yet");
                            } else {
                                Results.download(shell, session, works, folder);
                            }
                        }));
    }

    private void chmod() {
        List<GroupingView> selected = rows.selected();
        if (selected.isEmpty()) {
            return;
        }
        String what = selected.size() == 1 ? "the " + kind.one + " '" + selected.get(0).name() + "'"
                : selected.size() + " " + kind.many;
        RightsDialog.ask(shell.window(), what, selected.get(0).accessRights()).ifPresent(rights ->
                shell.background().run("Changing the rights of " + what, progress -> {
                    selected.forEach(g -> kind.calls(session).chmod(g.uid(), rights));
                    return rights;
                }, done -> {
                    shell.status().say("Rights of " + what + " changed to " + done);
                    refresh(false);
                }));
    }

    private void delete() {
        List<GroupingView> selected = rows.selected();
        if (selected.isEmpty()) {
            return;
        }
        String what = selected.size() == 1 ? "the " + kind.one + " '" + selected.get(0).name() + "'"
                : selected.size() + " " + kind.many;
        String question = Dialogs.wrapped("Delete " + what + "? Every work in it is deleted too, with its result,"
                + " whoever owns it.");
        if (JOptionPane.showConfirmDialog(shell.window(), question, "Delete " + what, JOptionPane.OK_CANCEL_OPTION,
                JOptionPane.WARNING_MESSAGE) != JOptionPane.OK_OPTION) {
            return;
        }
        shell.background().run("Deleting " + what, progress -> {
            selected.forEach(g -> kind.calls(session).delete(g.uid()));
            return selected.size();
        }, n -> {
            shell.status().say("Deleted " + what);
            refresh(false);
        });
    }
}
