package xtremweb.gui.frame;

import java.awt.BorderLayout;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import javax.swing.Action;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JPanel;
import javax.swing.JToolBar;
import xtremweb.gui.background.Background;
import xtremweb.gui.background.Problems;
import xtremweb.gui.table.Column;
import xtremweb.gui.table.RowsTable;

/**
 * A tab that lists one kind of object: a tool bar of actions, an optional filter bar, the table.
 * Rows are loaded off the event thread; a refresh nobody asked for that fails only says so in the
 * status bar, and refreshes never overlap.
 */
public abstract class ListTab<T> implements View {
    protected final Shell shell;
    protected final RowsTable<T> rows;
    private final Noun noun;
    private final JPanel panel = new JPanel(new BorderLayout());
    private final JToolBar toolbar = new JToolBar();
    private final JPanel north = new JPanel(new BorderLayout());
    private boolean loading;
    private boolean loadedOnce;
    /** The status bar's warning of the last quiet refresh that failed, until one succeeds again. */
    private String warning;

    protected ListTab(Shell shell, String name, Noun noun, List<Column<T>> columns, Function<? super T, String> key) {
        this.shell = shell;
        this.noun = noun;
        this.rows = new RowsTable<>(name, columns, key, this::emptyHint, shell.prefs());
        toolbar.setFloatable(false);
        toolbar.setName(name + ".toolbar");
        north.add(toolbar, BorderLayout.NORTH);
        panel.add(north, BorderLayout.NORTH);
        panel.add(rows.component(), BorderLayout.CENTER);
        panel.setName(name);
    }

    /** The rows, read off the event thread. */
    protected abstract List<T> load() throws Exception;

    /** What the table says when it shows no row: what to do next. */
    protected abstract String emptyHint();

    /** Called on the event thread after the rows were replaced. */
    protected void loaded() {
    }

    /** A tool bar button for {@code action}, its shortcut working while the tab is shown. */
    protected final JButton tool(Action action) {
        if (action.getValue(Action.ACCELERATOR_KEY) instanceof javax.swing.KeyStroke key) {
            Object id = "tool." + action.getValue(Action.NAME);
            // Ctrl+N, Ctrl+D work wherever the focus is in the window while the tab is shown: after a
            // click on the tab's title the focus is on the tab strip, where they did nothing. A bare
            // key (Delete) stays with the tab, never taken from a field being typed in elsewhere.
            int when = key.getModifiers() != 0 ? JComponent.WHEN_IN_FOCUSED_WINDOW : JComponent.WHEN_ANCESTOR_OF_FOCUSED_COMPONENT;
            panel.getInputMap(when).put(key, id);
            panel.getActionMap().put(id, action);
        }
        JButton button = toolbar.add(action);
        button.setName(panel.getName() + "." + String.valueOf(action.getValue(Action.NAME)).replaceAll("[^A-Za-z]", ""));
        button.setHideActionText(false);
        button.setFocusable(true);
        return button;
    }

    protected final void toolSeparator() {
        toolbar.addSeparator();
    }

    /** A bar under the tool bar (filters). */
    protected final void filterBar(JComponent bar) {
        north.add(bar, BorderLayout.SOUTH);
    }

    /** Whether the rows have been loaded at least once (an empty table then means "nothing there"). */
    protected final boolean loadedOnce() {
        return loadedOnce;
    }

    @Override
    public JComponent component() {
        return panel;
    }

    /** The table takes the keyboard when the tab is shown: arrows, Enter, Delete and the shortcuts work at once. */
    @Override
    public void focus() {
        rows.table().requestFocusInWindow();
    }

    @Override
    public Duration refreshEvery() {
        return Duration.ofSeconds(15);
    }

    @Override
    public String rowsText() {
        int total = rows.rows().size();
        int shown = rows.shown();
        return total == shown ? noun.count(total) : noun.count(total) + ", " + String.format("%,d", shown) + " shown";
    }

    @Override
    public void refresh(boolean quiet) {
        if (loading) {
            return;
        }
        loading = true;
        String what = "Refreshing the " + noun.many();
        Background.Call<List<T>> call = progress -> load();
        java.util.function.Consumer<List<T>> done = list -> {
            loading = false;
            loadedOnce = true;
            if (warning != null) {
                shell.status().settled(warning);
                warning = null;
            }
            rows.replace(list);
            loaded();
            shell.status().rowsChanged();
        };
        if (quiet) {
            shell.background().quietly(what, call, done, error -> {
                loading = false;
                warning = "Cannot refresh the " + noun.many() + ": " + Problems.sentence(error);
                shell.status().warn(warning);
            });
        } else {
            shell.background().run(what, call, done, error -> {
                loading = false;
                Problems.show(shell.window(), what + " failed", error);
            });
        }
    }
}
