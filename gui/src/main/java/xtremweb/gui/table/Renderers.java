package xtremweb.gui.table;

import java.awt.Color;
import java.awt.Component;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javax.swing.Icon;
import javax.swing.JLabel;
import javax.swing.JTable;
import javax.swing.SwingConstants;
import javax.swing.table.DefaultTableCellRenderer;
import com.formdev.flatlaf.util.UIScale;

/** How values are drawn: times in local time, sizes and numbers to the right, badges in their colour. */
final class Renderers {
    static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private Renderers() {
    }

    static void install(JTable table) {
        table.setDefaultRenderer(Instant.class, new DefaultTableCellRenderer() {
            @Override
            protected void setValue(Object value) {
                setText(value == null ? "" : Times.shortly((Instant) value));
                setToolTipText(value == null ? null : LOCAL_TIME.format((Instant) value));
            }
        });
        DefaultTableCellRenderer right = new DefaultTableCellRenderer();
        right.setHorizontalAlignment(SwingConstants.RIGHT);
        table.setDefaultRenderer(Size.class, right);
        table.setDefaultRenderer(Badge.class, new BadgeRenderer());
    }

    /** A coloured dot and the word, in the badge's colour (the selection's colours when selected). */
    private static final class BadgeRenderer extends DefaultTableCellRenderer {
        @Override
        public Component getTableCellRendererComponent(JTable table, Object value, boolean selected, boolean focused,
                                                       int row, int column) {
            JLabel label = (JLabel) super.getTableCellRendererComponent(table, value, selected, focused, row, column);
            if (value instanceof Badge badge) {
                Color colour = badge.tone().colour();
                label.setIcon(new Dot(colour));
                label.setToolTipText(badge.detail());
                if (!selected) {
                    label.setForeground(colour);
                }
            } else {
                label.setIcon(null);
                label.setToolTipText(null);
            }
            return label;
        }
    }

    /** A filled circle the height of a small letter, scaled for HiDPI screens. */
    private record Dot(Color colour) implements Icon {
        @Override
        public void paintIcon(Component c, Graphics g, int x, int y) {
            Graphics2D g2 = (Graphics2D) g.create();
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g2.setColor(colour);
            int size = UIScale.scale(8);
            g2.fillOval(x, y + (getIconHeight() - size) / 2, size, size);
            g2.dispose();
        }

        @Override
        public int getIconWidth() {
            return UIScale.scale(12);
        }

        @Override
        public int getIconHeight() {
            return UIScale.scale(12);
        }
    }
}
