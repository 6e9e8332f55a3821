package xtremweb.gui.frame;

/** The status bar as the tabs talk to it. */
public interface Status {
    /** A passing message ("Submitted 100 works"). */
    void say(String message);

    /** A problem nobody asked to be told about in a dialog (a periodic refresh that failed). */
    void warn(String message);

    /**
     * The problem {@code warning} said is over (the server answers again): the warning goes, if it is
     * still the message shown, so that it does not stay up as if the server were still away.
     */
    void settled(String warning);

    /** The shown tab's rows changed: the row count is updated. */
    void rowsChanged();
}
