package xtremweb.gui.frame;

import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import javax.swing.BorderFactory;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSeparator;
import com.formdev.flatlaf.util.UIScale;

/**
 * A dialog's fields, one per row: a label with its mnemonic ("&Login") bound to its field, and the
 * field stretching to the width of the dialog. Sizes scale with the screen (HiDPI).
 */
public final class Form {
    private final JPanel panel = new JPanel(new GridBagLayout());
    private int row;

    public Form() {
        int gap = UIScale.scale(12);
        panel.setBorder(BorderFactory.createEmptyBorder(gap, gap, gap, gap));
    }

    /** A labelled field; {@code label} marks its mnemonic with {@code &}. */
    public <C extends JComponent> C add(String label, C field, String tooltip) {
        int amp = label.indexOf('&');
        JLabel text = new JLabel(amp < 0 ? label : label.substring(0, amp) + label.substring(amp + 1));
        if (amp >= 0) {
            text.setDisplayedMnemonic(label.charAt(amp + 1));
            text.setDisplayedMnemonicIndex(amp);
        }
        text.setLabelFor(field);
        field.setToolTipText(tooltip);
        text.setToolTipText(tooltip);
        panel.add(text, constraints(0, 0, GridBagConstraints.NONE));
        panel.add(field, constraints(1, 1, GridBagConstraints.HORIZONTAL));
        row++;
        return field;
    }

    /** A component across both columns (a note, a table, a group of checkboxes). */
    public <C extends JComponent> C wide(C component, boolean grows) {
        GridBagConstraints c = constraints(0, 1, grows ? GridBagConstraints.BOTH : GridBagConstraints.HORIZONTAL);
        c.gridwidth = 2;
        c.weighty = grows ? 1 : 0;
        panel.add(component, c);
        row++;
        return component;
    }

    public void separator() {
        wide(new JSeparator(), false);
    }

    public JPanel panel() {
        return panel;
    }

    private GridBagConstraints constraints(int column, double weightx, int fill) {
        GridBagConstraints c = new GridBagConstraints();
        c.gridx = column;
        c.gridy = row;
        c.weightx = weightx;
        c.fill = fill;
        c.anchor = GridBagConstraints.LINE_START;
        int gap = UIScale.scale(4);
        c.insets = new Insets(gap, column == 0 ? 0 : gap * 2, gap, 0);
        return c;
    }
}
