package xtremweb.gui.table;

import java.util.List;
import java.util.function.Function;
import javax.swing.table.AbstractTableModel;

/** The rows of a table, replaced whole at each refresh; values come from the columns' accessors. */
public final class RowsModel<T> extends AbstractTableModel {
    private final List<Column<T>> columns;
    private final Function<? super T, String> key;
    private List<T> rows = List.of();

    RowsModel(List<Column<T>> columns, Function<? super T, String> key) {
        this.columns = List.copyOf(columns);
        this.key = key;
    }

    void replace(List<T> newRows) {
        rows = List.copyOf(newRows);
        fireTableDataChanged();
    }

    public List<T> rows() {
        return rows;
    }

    public T row(int modelRow) {
        return rows.get(modelRow);
    }

    String key(T row) {
        return key.apply(row);
    }

    Column<T> column(int index) {
        return columns.get(index);
    }

    @Override
    public int getRowCount() {
        return rows.size();
    }

    @Override
    public int getColumnCount() {
        return columns.size();
    }

    @Override
    public String getColumnName(int column) {
        return columns.get(column).name();
    }

    @Override
    public Class<?> getColumnClass(int column) {
        return columns.get(column).type();
    }

    @Override
    public Object getValueAt(int row, int column) {
        return columns.get(column).value().apply(rows.get(row));
    }
}
