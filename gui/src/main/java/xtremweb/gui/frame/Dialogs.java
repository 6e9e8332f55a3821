package xtremweb.gui.frame;

import java.awt.Component;
import java.awt.Window;
import javax.swing.SwingUtilities;

/** Small things every dialog needs. */
public final class Dialogs {
    private Dialogs() {
    }

    /** The window a dialog opened from {@code component} belongs to. */
    public static Window owner(Component component) {
        return component instanceof Window window ? window : SwingUtilities.getWindowAncestor(component);
    }
}
