package xtremweb.gui.works;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.event.KeyEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.swing.Action;
import javax.swing.BorderFactory;
import javax.swing.DefaultComboBoxModel;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JTextField;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import com.formdev.flatlaf.FlatClientProperties;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.GroupingView;
import xtremweb.common.wire.WorkView;
import xtremweb.gui.frame.Actions;
import xtremweb.gui.frame.Choice;
import xtremweb.gui.frame.Dialogs;
import xtremweb.gui.frame.ListTab;
import xtremweb.gui.frame.Noun;
import xtremweb.gui.frame.Shell;
import xtremweb.gui.rights.RightsDialog;
import xtremweb.gui.session.Session;
import xtremweb.gui.table.Badge;
import xtremweb.gui.table.Column;

/**
 * The works tab: the user's works (all of them for an administrator), refreshed every few seconds
 * while shown, filtered by status, session, group and text; details, results, resubmission,
 * rights and deletion of the selected works; submitting new ones.
 */
public final class WorksTab extends ListTab<WorkRow> {
    /** Works change fast: the table follows them closely, and backs off when listing takes long. */
    private static final Duration REFRESH = Duration.ofSeconds(3);
    private final Session session;
    private final WorksSource source;
    private final JComboBox<Object> status = new JComboBox<>();
    private final JComboBox<Choice> sessionFilter = new JComboBox<>();
    private final JComboBox<Choice> groupFilter = new JComboBox<>();
    private final JTextField search = new JTextField(18);
    private final Action submit;
    private final Action details;
    private final Action download;
    private final Action resubmit;
    private final Action chmod;
    private final Action delete;
    private Duration lastLoad = Duration.ZERO;

    public WorksTab(Shell shell, Session session) {
        super(shell, "works", new Noun("work", "works"), columns(), row -> row.work().uid());
        this.session = session;
        this.source = new WorksSource(session.client());
        submit = Actions.of("&Submit...", Actions.shortcut(KeyEvent.VK_N), "Send a new job (or a parameter sweep) to the grid",
                e -> submit(Optional.empty()));
        details = Actions.of("De&tails", null, "Everything about the selected work: arguments, inputs, tasks, error",
                e -> rows.selected().stream().findFirst().ifPresent(row -> WorkDetails.show(shell, session, row)));
        download = Actions.of("&Download result", Actions.shortcut(KeyEvent.VK_D),
                "Download the results of the selected COMPLETED works and open them",
                e -> Results.download(shell, session, works()));
        resubmit = Actions.of("&Resubmit...", null, "Submit the selected work again, its fields filled in for you",
                e -> rows.selected().stream().findFirst().ifPresent(row -> submit(Optional.of(row.work()))));
        chmod = Actions.of("Change ri&ghts...", null, "Who else may read or use the selected works", e -> chmod());
        delete = Actions.of("D&elete", Actions.key(KeyEvent.VK_DELETE), "Delete the selected works and their results",
                e -> delete());
        if (session.may().mayInsert()) {
            tool(submit);
        }
        tool(details);
        tool(download);
        if (session.may().mayInsert()) {
            tool(resubmit);
        }
        tool(chmod);
        tool(delete);
        filterBar(filters());
        rows.onOpen(details);
        rows.bind(Actions.shortcut(KeyEvent.VK_D), download);
        rows.bind(Actions.key(KeyEvent.VK_DELETE), delete);
        rows.contextMenu(session.may().mayInsert() ? List.of(details, download, resubmit, chmod, delete)
                : List.of(details, download, chmod, delete));
        rows.onSelection(this::enableActions);
        enableActions();
        component().getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(Actions.shortcut(KeyEvent.VK_F), "search");
        component().getActionMap().put("search", Actions.of("Search", null, "Search the works", e -> search.requestFocusInWindow()));
    }

    static List<Column<WorkRow>> columns() {
        return List.of(
                Column.of("Status", Badge.class, WorkRow::status, 13, "PENDING, RUNNING, UPLOADING its result, COMPLETED or ERROR"),
                Column.of("App", String.class, row -> row.work().appName(), 10, "The app the work runs"),
                Column.of("Label", String.class, row -> row.work().label(), 14, "The label given at submission"),
                Column.of("Owner", String.class, WorkRow::owner, 9, "Who submitted it (an administrator sees everybody's works)"),
                Column.of("Exit code", Integer.class, WorkRow::exitCode, 9, "The job's exit code, once it ran (0: success)"),
                Column.of("Submitted", Instant.class, row -> row.work().submitted(), 15, "When the work was submitted (local time)"),
                Column.of("Host", String.class, WorkRow::host, 11, "The worker that ran it last"),
                Column.of("Session", String.class, WorkRow::session, 9, "The session it was inserted into"),
                Column.of("Group", String.class, WorkRow::group, 9, "The group of works it was inserted into"),
                Column.uid(row -> row.work().uid(), "The work's unique identifier (xwworks, xwresult)"));
    }

    @Override
    public String title() {
        return "Works";
    }


    @Override
    public String tooltip() {
        return "Your works (jobs): their status, results and details";
    }

    /** Every few seconds, but never more often than five times what the last listing took. */
    @Override
    public Duration refreshEvery() {
        Duration backOff = lastLoad.multipliedBy(5);
        return backOff.compareTo(REFRESH) > 0 ? backOff : REFRESH;
    }

    @Override
    protected List<WorkRow> load() {
        long started = System.nanoTime();
        List<WorkRow> loaded = source.load();
        lastLoad = Duration.ofNanos(System.nanoTime() - started);
        return loaded;
    }

    /** The row count, and when the listing was cut, that the server holds more works than shown. */
    @Override
    public String rowsText() {
        return source.complete() ? super.rowsText() : super.rowsText() + " (the oldest; the server holds more)";
    }

    @Override
    protected void loaded() {
        choices(sessionFilter, "Any session", source.sessions());
        choices(groupFilter, "Any group", source.groups());
        enableActions();
    }

    /** Shows only the works of one session (from the sessions tab). */
    public void showSession(String sessionUid) {
        select(sessionFilter, sessionUid);
    }

    public void showGroup(String groupUid) {
        select(groupFilter, groupUid);
    }

    @Override
    protected String emptyHint() {
        if (!loadedOnce()) {
            return "Loading your works...";
        }
        if (!rows.rows().isEmpty()) {
            return "No work matches the filter.\nClear the search and choose \"All statuses\", \"Any session\" and"
                    + " \"Any group\" to see all " + rows.rows().size() + ".";
        }
        return session.may().mayInsert()
                ? "No work yet.\nPress Submit (or Ctrl+N) to send a job to the grid; it appears here and follows its"
                        + " progress by itself."
                : "No work yet.\nThis account (" + session.me().rights() + ") may not submit works; ask your administrator"
                        + " for a STANDARD_USER account.";
    }

    private JComponent filters() {
        status.setName("works.filter.status");
        status.setToolTipText("Show only the works in this status");
        DefaultComboBoxModel<Object> statuses = new DefaultComboBoxModel<>();
        statuses.addElement("All statuses");
        for (WorkStatus s : WorkStatus.values()) {
            statuses.addElement(WorkRow.badge(s));
        }
        status.setModel(statuses);
        sessionFilter.setName("works.filter.session");
        sessionFilter.setToolTipText("Show only the works of this session");
        groupFilter.setName("works.filter.group");
        groupFilter.setToolTipText("Show only the works of this group");
        choices(sessionFilter, "Any session", List.of());
        choices(groupFilter, "Any group", List.of());
        search.setName("works.filter.text");
        search.setToolTipText("Show only the works whose label, app, arguments, host, error or UID contain this (Ctrl+F)");
        search.putClientProperty(FlatClientProperties.PLACEHOLDER_TEXT, "Search");
        search.putClientProperty(FlatClientProperties.TEXT_FIELD_SHOW_CLEAR_BUTTON, true);
        status.addActionListener(e -> applyFilter());
        sessionFilter.addActionListener(e -> applyFilter());
        groupFilter.addActionListener(e -> applyFilter());
        search.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                applyFilter();
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                applyFilter();
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                applyFilter();
            }
        });
        JLabel show = new JLabel("Show:");
        show.setToolTipText("Narrow the table; the status bar counts the works shown");
        return filterBar(show, List.of(status, sessionFilter, groupFilter), search);
    }

    /**
     * The label and the choices at their size, the search field in the rest of the width: one
     * flowing row wrapped the search field onto a second line the bar has no height for, so a
     * narrow window hid it (and Ctrl+F typed into a field nobody could see).
     */
    static JPanel filterBar(JLabel show, List<? extends JComponent> choices, JTextField search) {
        JPanel left = new JPanel(new FlowLayout(FlowLayout.LEADING));
        left.add(show);
        choices.forEach(left::add);
        FlowLayout flow = (FlowLayout) left.getLayout();
        JPanel right = new JPanel(new BorderLayout());
        right.setBorder(BorderFactory.createEmptyBorder(flow.getVgap(), 0, flow.getVgap(), flow.getHgap()));
        right.add(search, BorderLayout.CENTER);
        JPanel bar = new JPanel(new BorderLayout());
        bar.add(left, BorderLayout.WEST);
        bar.add(right, BorderLayout.CENTER);
        return bar;
    }

    private void applyFilter() {
        Object chosenStatus = status.getSelectedItem();
        String sessionUid = chosen(sessionFilter);
        String groupUid = chosen(groupFilter);
        String text = search.getText().trim();
        rows.filter(row -> (!(chosenStatus instanceof Badge b) || row.status().text().equals(b.text()))
                && (sessionUid == null || sessionUid.equals(row.work().sessionUid()))
                && (groupUid == null || groupUid.equals(row.work().groupUid()))
                && (text.isEmpty() || row.matches(text)));
        shell.status().rowsChanged();
    }

    private static String chosen(JComboBox<Choice> combo) {
        Object item = combo.getSelectedItem();
        return item instanceof Choice c ? c.value() : null;
    }

    /** Fills a session or group filter, keeping what was chosen. */
    private void choices(JComboBox<Choice> combo, String any, List<GroupingView> groupings) {
        String was = chosen(combo);
        List<Choice> items = new ArrayList<>();
        items.add(new Choice(null, any));
        groupings.forEach(g -> items.add(new Choice(g.uid(), g.name())));
        List<Choice> current = new ArrayList<>();
        for (int i = 0; i < combo.getItemCount(); i++) {
            current.add(combo.getItemAt(i));
        }
        if (current.equals(items)) {
            return;
        }
        combo.setModel(new DefaultComboBoxModel<>(items.toArray(Choice[]::new)));
        items.stream().filter(c -> Objects.equals(c.value(), was)).findFirst().ifPresent(combo::setSelectedItem);
    }

    private void select(JComboBox<Choice> combo, String uid) {
        for (int i = 0; i < combo.getItemCount(); i++) {
            if (uid.equals(combo.getItemAt(i).value())) {
                combo.setSelectedIndex(i);
                return;
            }
        }
        combo.addItem(new Choice(uid, WorksSource.shortUid(uid)));
        combo.setSelectedIndex(combo.getItemCount() - 1);
    }

    private List<WorkView> works() {
        return rows.selected().stream().map(WorkRow::work).toList();
    }

    private void enableActions() {
        List<WorkView> selected = works();
        boolean any = !selected.isEmpty();
        boolean mine = any && selected.stream().allMatch(w -> session.may().mayChange(w.ownerUid()));
        Actions.allow(details, selected.size() == 1, "Everything about the selected work: arguments, inputs, tasks, error",
                "select one work");
        Actions.allow(download, selected.stream().anyMatch(w -> w.status() == WorkStatus.COMPLETED),
                "Download the results of the selected COMPLETED works and open them", "select a COMPLETED work");
        Actions.allow(resubmit, selected.size() == 1, "Submit the selected work again, its fields filled in for you",
                "select one work");
        Actions.allow(chmod, mine, "Who else may read or use the selected works",
                any ? "only their owner or an administrator may" : "select works");
        Actions.allow(delete, mine, "Delete the selected works and their results",
                any ? "only their owner or an administrator may" : "select works");
    }

    private void submit(Optional<WorkView> like) {
        if (!session.may().mayInsert()) {
            return;
        }
        new SubmitDialog(shell, session, source.sessions(), source.groups(), source.hostNames(), like, uids -> {
            shell.status().say(uids.size() == 1 ? "Submitted work " + uids.get(0) : "Submitted " + uids.size() + " works");
            // All of a sweep, not its first job: the user sees which rows are new, and Download
            // result or Delete then act on the whole sweep, as its one submission did.
            rows.selectWhenShown(java.util.Set.copyOf(uids));
            refresh(false);
        }).setVisible(true);
    }

    private void chmod() {
        List<WorkView> selected = works();
        if (selected.isEmpty()) {
            return;
        }
        String what = selected.size() == 1 ? "work " + Results.label(selected.get(0)) : selected.size() + " works";
        RightsDialog.ask(shell.window(), what, selected.get(0).accessRights()).ifPresent(rights ->
                shell.background().run("Changing the rights of " + what, progress -> {
                    selected.forEach(w -> session.client().works().chmod(w.uid(), rights));
                    return selected.size();
                }, n -> {
                    shell.status().say("Rights of " + what + " changed to " + rights);
                    refresh(false);
                }));
    }

    private void delete() {
        List<WorkView> selected = works();
        if (selected.isEmpty()) {
            return;
        }
        String what = selected.size() == 1 ? "work " + Results.label(selected.get(0)) : selected.size() + " works";
        String question = Dialogs.wrapped("Delete " + what + "? Results still on the server are deleted too; running"
                + " ones are stopped.");
        if (JOptionPane.showConfirmDialog(shell.window(), question, "Delete " + what, JOptionPane.OK_CANCEL_OPTION,
                JOptionPane.WARNING_MESSAGE) != JOptionPane.OK_OPTION) {
            return;
        }
        shell.background().run("Deleting " + what, progress -> {
            for (int i = 0; i < selected.size(); i++) {
                session.client().works().delete(selected.get(i).uid());
                progress.update(i + 1, selected.size());
            }
            return selected.size();
        }, n -> {
            shell.status().say("Deleted " + what);
            refresh(false);
        });
    }
}
