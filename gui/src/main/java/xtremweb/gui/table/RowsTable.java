package xtremweb.gui.table;

import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.swing.Action;
import javax.swing.JComponent;
import javax.swing.JPopupMenu;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.KeyStroke;
import javax.swing.ListSelectionModel;
import javax.swing.RowFilter;
import javax.swing.SortOrder;
import javax.swing.event.TableColumnModelEvent;
import javax.swing.event.TableColumnModelListener;
import javax.swing.event.ChangeEvent;
import javax.swing.event.ListSelectionEvent;
import javax.swing.table.TableColumn;
import javax.swing.table.TableColumnModel;
import javax.swing.table.TableRowSorter;
import javax.swing.RowSorter;
import xtremweb.gui.prefs.UserPrefs;

/**
 * A table of one kind of row as the tabs use it: sortable on every column, filtered by a predicate,
 * rows replaced at each refresh with the selection kept (by key), columns' order, widths and sort
 * remembered in the user's preferences, a context menu, Enter and double-click opening a row, and a
 * hint painted when it is empty.
 */
public final class RowsTable<T> {
    private final String name;
    private final RowsModel<T> model;
    private final HintTable table;
    private final TableRowSorter<RowsModel<T>> sorter;
    private final JScrollPane scroll;
    private final UserPrefs prefs;
    private boolean restoring;
    private Set<String> toSelect = Set.of();

    public RowsTable(String name, List<Column<T>> columns, Function<? super T, String> key, Supplier<String> emptyHint,
                     UserPrefs prefs) {
        this.name = name;
        this.prefs = prefs;
        this.model = new RowsModel<>(columns, key);
        this.table = new HintTable(model, emptyHint);
        table.setName(name + ".table");
        table.setSelectionMode(ListSelectionModel.MULTIPLE_INTERVAL_SELECTION);
        table.setAutoResizeMode(JTable.AUTO_RESIZE_SUBSEQUENT_COLUMNS);
        this.sorter = new TableRowSorter<>(model);
        sorter.setSortsOnUpdates(true);
        table.setRowSorter(sorter);
        Renderers.install(table);
        int charWidth = table.getFontMetrics(table.getFont()).charWidth('0');
        for (int i = 0; i < columns.size(); i++) {
            table.getColumnModel().getColumn(i).setPreferredWidth(columns.get(i).chars() * charWidth);
        }
        restore();
        table.getColumnModel().addColumnModelListener(new Remember());
        sorter.addRowSorterListener(event -> save());
        this.scroll = new JScrollPane(table);
        scroll.setName(name + ".scroll");
    }

    public JComponent component() {
        return scroll;
    }

    public JTable table() {
        return table;
    }

    /**
     * Replaces every row; the rows selected before (same key) stay selected, unless rows asked for by
     * {@link #selectWhenShown} arrived: those become the selection, scrolled to.
     */
    public void replace(List<T> rows) {
        Set<String> keep = new HashSet<>();
        selected().forEach(row -> keep.add(model.key(row)));
        model.replace(rows);
        boolean arrived = rows.stream().anyMatch(row -> toSelect.contains(model.key(row)));
        if (arrived) {
            keep.clear();
            keep.addAll(toSelect);
            toSelect = Set.of();
            table.clearSelection();
        }
        if (keep.isEmpty()) {
            return;
        }
        ListSelectionModel selection = table.getSelectionModel();
        selection.setValueIsAdjusting(true);
        for (int i = 0; i < rows.size(); i++) {
            if (keep.contains(model.key(rows.get(i)))) {
                int view = table.convertRowIndexToView(i);
                if (view >= 0) {
                    selection.addSelectionInterval(view, view);
                }
            }
        }
        selection.setValueIsAdjusting(false);
        int first = table.getSelectionModel().getMinSelectionIndex();
        if (arrived && first >= 0) {
            table.scrollRectToVisible(table.getCellRect(first, 0, true));
        }
    }

    /**
     * The rows of these keys become the selection (the first one scrolled to) when a later
     * {@link #replace} brings them: what was just created is what the user acts on next.
     */
    public void selectWhenShown(Set<String> keys) {
        toSelect = Set.copyOf(keys);
    }

    public List<T> rows() {
        return model.rows();
    }

    /** The selected rows, in the order shown. */
    public List<T> selected() {
        List<T> rows = new ArrayList<>();
        for (int view : table.getSelectedRows()) {
            rows.add(model.row(table.convertRowIndexToModel(view)));
        }
        return rows;
    }

    /** Rows shown (after the filter). */
    public int shown() {
        return table.getRowCount();
    }

    public void filter(Predicate<? super T> keep) {
        sorter.setRowFilter(new RowFilter<RowsModel<T>, Integer>() {
            @Override
            public boolean include(Entry<? extends RowsModel<T>, ? extends Integer> entry) {
                return keep.test(model.row(entry.getIdentifier()));
            }
        });
    }

    public void onSelection(Runnable listener) {
        table.getSelectionModel().addListSelectionListener((ListSelectionEvent e) -> {
            if (!e.getValueIsAdjusting()) {
                listener.run();
            }
        });
    }

    /** Enter or a double-click on a row runs {@code open}. */
    public void onOpen(Action open) {
        bind(KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, 0), open);
        table.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                if (e.getClickCount() == 2 && table.rowAtPoint(e.getPoint()) >= 0 && open.isEnabled()) {
                    open.actionPerformed(new java.awt.event.ActionEvent(table, 0, "open"));
                }
            }
        });
    }

    /** A key runs {@code action} while the table has the focus. */
    public void bind(KeyStroke key, Action action) {
        Object id = action.getValue(Action.NAME);
        table.getInputMap(JComponent.WHEN_ANCESTOR_OF_FOCUSED_COMPONENT).put(key, id);
        table.getActionMap().put(id, action);
    }

    /** The right-click menu; {@code null} in the list is a separator. A right-click selects the row under it. */
    public void contextMenu(List<Action> actions) {
        JPopupMenu menu = new JPopupMenu();
        for (Action action : actions) {
            if (action == null) {
                menu.addSeparator();
            } else {
                menu.add(action);
            }
        }
        table.addMouseListener(new MouseAdapter() {
            @Override
            public void mousePressed(MouseEvent e) {
                popup(e);
            }

            @Override
            public void mouseReleased(MouseEvent e) {
                popup(e);
            }

            private void popup(MouseEvent e) {
                if (!e.isPopupTrigger()) {
                    return;
                }
                int row = table.rowAtPoint(e.getPoint());
                if (row >= 0 && !table.isRowSelected(row)) {
                    table.setRowSelectionInterval(row, row);
                }
                menu.show(table, e.getX(), e.getY());
            }
        });
    }

    /** Columns as "name:width" in shown order, then "|column:ASCENDING" for the sort. */
    private void save() {
        if (restoring) {
            return;
        }
        StringBuilder state = new StringBuilder();
        TableColumnModel columns = table.getColumnModel();
        for (int i = 0; i < columns.getColumnCount(); i++) {
            TableColumn column = columns.getColumn(i);
            state.append(i == 0 ? "" : ",").append(model.getColumnName(column.getModelIndex())).append(':').append(column.getWidth());
        }
        List<? extends RowSorter.SortKey> keys = sorter.getSortKeys();
        if (!keys.isEmpty()) {
            state.append('|').append(model.getColumnName(keys.get(0).getColumn())).append(':').append(keys.get(0).getSortOrder());
        }
        prefs.table(name, state.toString());
    }

    private void restore() {
        String state = prefs.table(name);
        if (state.isBlank()) {
            return;
        }
        restoring = true;
        try {
            String[] parts = state.split("\\|");
            TableColumnModel columns = table.getColumnModel();
            int target = 0;
            for (String entry : parts[0].split(",")) {
                String[] nameAndWidth = entry.split(":");
                int index = columnIndex(columns, nameAndWidth[0]);
                if (index < 0 || nameAndWidth.length < 2) {
                    continue;
                }
                columns.moveColumn(index, target);
                columns.getColumn(target).setPreferredWidth(Math.max(20, Integer.parseInt(nameAndWidth[1])));
                target++;
            }
            if (parts.length > 1) {
                String[] sort = parts[1].split(":");
                int modelIndex = Arrays.asList(names()).indexOf(sort[0]);
                if (modelIndex >= 0 && sort.length > 1) {
                    sorter.setSortKeys(List.of(new RowSorter.SortKey(modelIndex, SortOrder.valueOf(sort[1]))));
                }
            }
        } catch (RuntimeException e) {
            // Preferences from another version: the defaults will do.
        } finally {
            restoring = false;
        }
    }

    private String[] names() {
        String[] names = new String[model.getColumnCount()];
        for (int i = 0; i < names.length; i++) {
            names[i] = model.getColumnName(i);
        }
        return names;
    }

    private int columnIndex(TableColumnModel columns, String header) {
        for (int i = 0; i < columns.getColumnCount(); i++) {
            if (model.getColumnName(columns.getColumn(i).getModelIndex()).equals(header)) {
                return i;
            }
        }
        return -1;
    }

    /** Saves the columns whenever they are moved or resized. */
    private final class Remember implements TableColumnModelListener {
        @Override
        public void columnAdded(TableColumnModelEvent e) {
        }

        @Override
        public void columnRemoved(TableColumnModelEvent e) {
        }

        @Override
        public void columnMoved(TableColumnModelEvent e) {
            if (e.getFromIndex() != e.getToIndex()) {
                save();
            }
        }

        @Override
        public void columnMarginChanged(ChangeEvent e) {
            save();
        }

        @Override
        public void columnSelectionChanged(ListSelectionEvent e) {
        }
    }
}
