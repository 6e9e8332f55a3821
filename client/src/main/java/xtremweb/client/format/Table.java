package xtremweb.client.format;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain text table with a header, columns aligned on the widest cell. */
public final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    public Table(String... header) {
        this.columns = header.length;
        rows.add(header);
    }

    public Table row(Object... cells) {
        String[] text = new String[columns];
        for (int i = 0; i < columns; i++) {
            text[i] = i < cells.length && cells[i] != null ? cells[i].toString() : "-";
        }
        rows.add(text);
        return this;
    }

    public void print(PrintWriter out) {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }
}
