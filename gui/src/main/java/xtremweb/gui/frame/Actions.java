package xtremweb.gui.frame;

import java.awt.Toolkit;
import java.awt.event.ActionEvent;
import java.util.function.Consumer;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.KeyStroke;

/** Actions as the GUI makes them: a name, a mnemonic, an optional shortcut and always a tooltip. */
public final class Actions {
    private Actions() {
    }

    /** The platform's shortcut modifier (Ctrl, or Cmd on macOS) with {@code key}. */
    public static KeyStroke shortcut(int key) {
        return KeyStroke.getKeyStroke(key, Toolkit.getDefaultToolkit().getMenuShortcutKeyMaskEx());
    }

    public static KeyStroke key(int key) {
        return KeyStroke.getKeyStroke(key, 0);
    }

    /**
     * An action; {@code name} marks its mnemonic with {@code &} ("&Submit..."), {@code shortcut} may
     * be null, {@code tooltip} says what it does.
     */
    public static Action of(String name, KeyStroke shortcut, String tooltip, Consumer<ActionEvent> perform) {
        int amp = name.indexOf('&');
        String text = amp < 0 ? name : name.substring(0, amp) + name.substring(amp + 1);
        AbstractAction action = new AbstractAction(text) {
            @Override
            public void actionPerformed(ActionEvent e) {
                if (isEnabled()) {
                    perform.accept(e);
                }
            }
        };
        if (amp >= 0 && amp + 1 < name.length()) {
            action.putValue(Action.MNEMONIC_KEY, java.awt.event.KeyEvent.getExtendedKeyCodeForChar(name.charAt(amp + 1)));
            action.putValue(Action.DISPLAYED_MNEMONIC_INDEX_KEY, amp);
        }
        if (shortcut != null) {
            action.putValue(Action.ACCELERATOR_KEY, shortcut);
        }
        if (tooltip == null || tooltip.isBlank()) {
            throw new IllegalArgumentException("the action '" + text + "' needs a tooltip");
        }
        action.putValue(Action.SHORT_DESCRIPTION, tooltip);
        return action;
    }

    /** Enables or disables an action, its tooltip saying why it cannot be used when disabled. */
    public static void allow(Action action, boolean enabled, String tooltip, String whyNot) {
        action.setEnabled(enabled);
        action.putValue(Action.SHORT_DESCRIPTION, enabled || whyNot == null ? tooltip : tooltip + " (" + whyNot + ")");
    }
}
