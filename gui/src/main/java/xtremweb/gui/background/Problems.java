package xtremweb.gui.background;

import java.awt.Component;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.swing.JOptionPane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xtremweb.client.api.ErrorSentences;
import xtremweb.gui.frame.Dialogs;

/**
 * Errors as people read them: the server's sentence (or the one naming what to fix), the same the
 * command line prints; never a stack trace. A bug gets a short apology, its trace goes to the log.
 */
public final class Problems {
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    public static String sentence(Throwable error) {
        Throwable cause = unwrap(error);
        return ErrorSentences.forPeople(cause).orElseGet(() -> {
            LOG.error("unexpected error in the GUI", cause);
            return "Something went wrong inside the GUI (" + cause.getClass().getSimpleName()
                    + "). The details are in its console output; please report them.";
        });
    }

    /** An error dialog: {@code heading}, its title, says what failed, the sentence why. */
    public static void show(Component parent, String heading, Throwable error) {
        javax.swing.JDialog dialog = pane(error).createDialog(parent, heading);
        dialog.setVisible(true);
        dialog.dispose();
    }

    /**
     * The dialog's content: the sentence alone, in lines a reader can follow. The heading is the
     * title only: said twice (title and first line), it pushed the reason down for nothing; and a
     * sentence of 150 characters on one line made a dialog as wide as the screen.
     */
    static JOptionPane pane(Throwable error) {
        return new JOptionPane(Dialogs.wrapped(sentence(error)), JOptionPane.ERROR_MESSAGE);
    }

    static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof ExecutionException || e instanceof CompletionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
