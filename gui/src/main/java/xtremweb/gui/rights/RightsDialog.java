package xtremweb.gui.rights;

import java.awt.Component;
import java.awt.GridLayout;
import java.util.Optional;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JTextField;
import javax.swing.SwingConstants;
import xtremweb.common.rights.AccessRights;
import xtremweb.gui.frame.Form;

/**
 * Access rights as a chmod dialog: owner / group / others x read / write / execute as nine boxes,
 * the manual's {@code 0x750} beside them (either can be edited), and the three usual choices.
 */
public final class RightsDialog {
    private static final String[] WHO = {"Owner", "Group", "Others"};
    private static final String[] WHAT = {"read", "write", "execute"};
    private final JCheckBox[][] boxes = new JCheckBox[3][3];
    private final JTextField text = new JTextField(6);
    private boolean syncing;

    private RightsDialog(AccessRights current) {
        for (int who = 0; who < 3; who++) {
            for (int what = 0; what < 3; what++) {
                JCheckBox box = new JCheckBox(WHAT[what]);
                box.setName("rights." + WHO[who].toLowerCase(java.util.Locale.ROOT) + "." + WHAT[what]);
                box.setToolTipText(WHO[who] + " may " + WHAT[what]);
                box.addActionListener(e -> fromBoxes());
                boxes[who][what] = box;
            }
        }
        text.setName("rights.text");
        text.getDocument().addDocumentListener(new javax.swing.event.DocumentListener() {
            @Override
            public void insertUpdate(javax.swing.event.DocumentEvent e) {
                fromText();
            }

            @Override
            public void removeUpdate(javax.swing.event.DocumentEvent e) {
                fromText();
            }

            @Override
            public void changedUpdate(javax.swing.event.DocumentEvent e) {
                fromText();
            }
        });
        show(current);
    }

    /**
     * Asks for new rights, starting from {@code current}; empty when cancelled. {@code what} names
     * the objects ("3 works").
     */
    public static Optional<String> ask(Component parent, String what, String current) {
        AccessRights start;
        try {
            start = AccessRights.parse(current);
        } catch (RuntimeException e) {
            start = AccessRights.PUBLIC;
        }
        RightsDialog dialog = new RightsDialog(start);
        Form form = new Form();
        JPanel grid = new JPanel(new GridLayout(3, 4, 8, 4));
        for (int who = 0; who < 3; who++) {
            grid.add(new JLabel(WHO[who], SwingConstants.LEADING));
            for (int bit = 0; bit < 3; bit++) {
                grid.add(dialog.boxes[who][bit]);
            }
        }
        form.wide(new JLabel("Who may do what with " + what + ":"), false);
        form.wide(grid, false);
        form.add("&Rights", dialog.text, "As the manual writes them: 0x750, 750 or a chmod mode like go-w");
        JPanel presets = new JPanel(new GridLayout(1, 3, 8, 0));
        presets.add(dialog.preset("Private", AccessRights.PRIVATE, "Only the owner: 0x700"));
        presets.add(dialog.preset("Group", AccessRights.GROUP, "The owner, and its user group may read: 0x750"));
        presets.add(dialog.preset("Public", AccessRights.PUBLIC, "Everybody may read: 0x755"));
        form.wide(presets, false);
        // Misspelt rights are said here and the dialog comes back with what was typed: the server would
        // refuse them only after the dialog had closed, and the user would have to start again.
        while (true) {
            int answer = JOptionPane.showConfirmDialog(parent, form.panel(), "Change rights of " + what,
                    JOptionPane.OK_CANCEL_OPTION, JOptionPane.PLAIN_MESSAGE);
            if (answer != JOptionPane.OK_OPTION) {
                return Optional.empty();
            }
            String typed = dialog.text.getText().trim();
            Optional<String> problem = problem(typed);
            if (problem.isEmpty()) {
                return Optional.of(typed);
            }
            JOptionPane.showMessageDialog(parent, problem.get(), "Change rights of " + what, JOptionPane.WARNING_MESSAGE);
        }
    }

    /** Why {@code typed} is not access rights (numeric, or a symbolic mode), in the command line's words; empty when it is. */
    static Optional<String> problem(String typed) {
        try {
            AccessRights.PRIVATE.apply(typed);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("bad access rights '" + typed + "'; write them like 0x755, 750 or go-rx");
        }
    }

    private JButton preset(String name, AccessRights rights, String tooltip) {
        JButton button = new JButton(name);
        button.setName("rights." + name.toLowerCase(java.util.Locale.ROOT));
        button.setToolTipText(tooltip);
        button.addActionListener(e -> show(rights));
        return button;
    }

    private void show(AccessRights rights) {
        syncing = true;
        for (int who = 0; who < 3; who++) {
            int bits = rights.classBits(2 - who);
            for (int what = 0; what < 3; what++) {
                boxes[who][what].setSelected((bits & (4 >> what)) != 0);
            }
        }
        text.setText(rights.toString());
        syncing = false;
    }

    private void fromBoxes() {
        if (syncing) {
            return;
        }
        int bits = 0;
        for (int who = 0; who < 3; who++) {
            for (int what = 0; what < 3; what++) {
                if (boxes[who][what].isSelected()) {
                    bits |= (4 >> what) << (3 * (2 - who));
                }
            }
        }
        syncing = true;
        text.setText(new AccessRights(bits).toString());
        syncing = false;
    }

    private void fromText() {
        if (syncing) {
            return;
        }
        try {
            AccessRights rights = AccessRights.parse(text.getText());
            javax.swing.SwingUtilities.invokeLater(() -> {
                syncing = true;
                for (int who = 0; who < 3; who++) {
                    int bits = rights.classBits(2 - who);
                    for (int what = 0; what < 3; what++) {
                        boxes[who][what].setSelected((bits & (4 >> what)) != 0);
                    }
                }
                syncing = false;
            });
        } catch (RuntimeException e) {
            // a symbolic mode or a half-typed value: the boxes wait for a number
        }
    }
}
