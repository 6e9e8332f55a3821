package xtremweb.gui.frame;

import java.time.Duration;
import javax.swing.JComponent;

/**
 * One tab of the main window (works, apps, data...). The window shows it, refreshes it when it is
 * shown and, while it stays shown, every {@link #refreshEvery()}; the status bar shows its
 * {@link #rowsText()}. Another part (the volunteer's view of a local worker) is one more View.
 */
public interface View {
    /** The tab's title; Ctrl+1, Ctrl+2... show the tabs in their order. */
    String title();

    String tooltip();

    JComponent component();

    /** Loads the tab's rows from the server, off the event thread; {@code quiet}: nobody asked (timer). */
    void refresh(boolean quiet);

    /** How often to refresh while shown; zero for only when shown and asked. */
    Duration refreshEvery();

    /** Gives the keyboard to the tab's main component, once it is shown. */
    default void focus() {
    }

    /** What the status bar says about the rows, e.g. "124 works, 12 shown". */
    String rowsText();
}
