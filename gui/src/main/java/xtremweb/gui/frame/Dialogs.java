package xtremweb.gui.frame;

import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.FlowLayout;
import java.awt.Window;
import java.awt.event.KeyEvent;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JPanel;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import com.formdev.flatlaf.util.UIScale;

/** Small things every dialog needs. */
public final class Dialogs {
    /** The longest line of a message dialog's text: a sentence of 130 characters on one line is hard to read. */
    public static final int LINE = 72;

    private Dialogs() {
    }

    /**
     * {@code text} broken into lines of at most {@link #LINE} characters at spaces (JOptionPane shows
     * each {@code \n} as a new line and never wraps by itself); its own line breaks stay, and a word
     * longer than a line (a long app name) is cut across lines rather than left running off.
     */
    public static String wrapped(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (String paragraph : text.split("\n", -1)) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            int line = 0;
            for (String word : paragraph.split(" +")) {
                if (word.isEmpty()) {
                    continue;
                }
                if (line > 0 && line + 1 + word.length() > LINE) {
                    out.append('\n');
                    line = 0;
                } else if (line > 0) {
                    out.append(' ');
                    line++;
                }
                while (word.length() > LINE - line) {
                    out.append(word, 0, LINE - line).append('\n');
                    word = word.substring(LINE - line);
                    line = 0;
                }
                out.append(word);
                line += word.length();
            }
        }
        return out.toString();
    }

    /** The window a dialog opened from {@code component} belongs to. */
    public static Window owner(Component component) {
        return component instanceof Window window ? window : SwingUtilities.getWindowAncestor(component);
    }

    /**
     * Lays a form dialog out the one way they all are: the form in the middle, the action button and
     * a Cancel button (named {@code cancelName}, for the tests) at the bottom right; Enter presses the
     * action, Escape and Cancel close the dialog.
     */
    public static void formWithActions(JDialog dialog, JComponent form, JButton ok, String cancelName, String cancelTooltip) {
        JButton cancel = new JButton("Cancel");
        cancel.setName(cancelName);
        cancel.setToolTipText(cancelTooltip);
        cancel.addActionListener(e -> dialog.dispose());
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.TRAILING));
        buttons.setBorder(BorderFactory.createEmptyBorder(0, 0, UIScale.scale(8), UIScale.scale(8)));
        buttons.add(ok);
        buttons.add(cancel);
        dialog.add(form, BorderLayout.CENTER);
        dialog.add(buttons, BorderLayout.SOUTH);
        dialog.getRootPane().setDefaultButton(ok);
        dialog.getRootPane().registerKeyboardAction(e -> dialog.dispose(), KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0),
                JComponent.WHEN_IN_FOCUSED_WINDOW);
    }
}
