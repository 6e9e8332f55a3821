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
    private Dialogs() {
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
