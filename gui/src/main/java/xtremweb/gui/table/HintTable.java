package xtremweb.gui.table;

import java.awt.Color;
import java.awt.Component;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.event.MouseEvent;
import java.util.function.Supplier;
import javax.swing.JLabel;
import javax.swing.JTable;
import javax.swing.UIManager;
import javax.swing.table.JTableHeader;
import javax.swing.table.TableModel;

/** A table that, when it shows no row, says in its middle what to do next ("press Submit to ..."). */
public final class HintTable extends JTable {
    private final transient Supplier<String> hint;

    HintTable(TableModel model, Supplier<String> hint) {
        super(model);
        this.hint = hint;
        setFillsViewportHeight(true);
    }

    /** What the empty table says now (it may depend on a filter). */
    public String emptyHint() {
        return hint.get();
    }

    @Override
    protected void paintComponent(Graphics g) {
        super.paintComponent(g);
        if (getRowCount() > 0) {
            return;
        }
        Graphics2D g2 = (Graphics2D) g.create();
        g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g2.setFont(getFont().deriveFont(getFont().getSize2D() * 1.1f));
        Color colour = UIManager.getColor("Label.disabledForeground");
        g2.setColor(colour != null ? colour : getForeground());
        FontMetrics metrics = g2.getFontMetrics();
        Rectangle visible = getVisibleRect();
        String[] lines = emptyHint().split("\n");
        int y = visible.y + Math.max(metrics.getHeight() * 2, (visible.height - lines.length * metrics.getHeight()) / 3);
        for (String line : lines) {
            int x = visible.x + Math.max(metrics.getHeight(), (visible.width - metrics.stringWidth(line)) / 2);
            g2.drawString(line, x, y + metrics.getAscent());
            y += metrics.getHeight();
        }
        g2.dispose();
    }

    /**
     * Columns fill a view wide enough for them; in a narrower one (a 640-pixel window) they keep their
     * widths and a horizontal scroll bar shows the rest, instead of every cell cut to "...".
     */
    @Override
    public boolean getScrollableTracksViewportWidth() {
        return getParent() == null || getPreferredSize().width <= getParent().getWidth();
    }

    /**
     * A scroll pane around the table asks for the width of its columns (JTable's 450 pixels would
     * leave it to the window's default size), so a window first sized to its tabs shows them whole.
     */
    @Override
    public java.awt.Dimension getPreferredScrollableViewportSize() {
        return new java.awt.Dimension(getPreferredSize().width, super.getPreferredScrollableViewportSize().height);
    }

    /** A cell's own tooltip (a time's date, a status's detail) or, for a cell cut to "...", its whole text. */
    @Override
    public String getToolTipText(MouseEvent event) {
        String own = super.getToolTipText(event);
        int row = rowAtPoint(event.getPoint());
        int column = columnAtPoint(event.getPoint());
        if (own != null || row < 0 || column < 0) {
            return own;
        }
        Component cell = prepareRenderer(getCellRenderer(row, column), row, column);
        if (cell instanceof JLabel label && label.getText() != null && !label.getText().isBlank()
                && label.getPreferredSize().width > getCellRect(row, column, false).width) {
            return label.getText();
        }
        return null;
    }

    /** Headers show their column's tooltip. */
    @Override
    protected JTableHeader createDefaultTableHeader() {
        return new JTableHeader(columnModel) {
            @Override
            public String getToolTipText(MouseEvent event) {
                int column = columnAtPoint(event.getPoint());
                if (column < 0 || !(getModel() instanceof RowsModel<?> rows)) {
                    return null;
                }
                return rows.column(convertColumnIndexToModel(column)).tooltip();
            }
        };
    }
}
