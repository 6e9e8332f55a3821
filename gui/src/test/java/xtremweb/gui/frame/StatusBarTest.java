package xtremweb.gui.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import javax.swing.JLabel;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;
import xtremweb.gui.background.Background;

/** The status bar without a window (its labels need no display). */
class StatusBarTest {
    @Test
    void showingAnotherTabClearsTheLastMessageAndCountsTheNewTabsRows() throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            AtomicReference<String> rowsOfShownTab = new AtomicReference<>("3 works");
            StatusBar bar = new StatusBar(new Background(null), rowsOfShownTab::get);
            bar.rowsChanged();
            bar.say("Result in /home/ann/results/1234");
            rowsOfShownTab.set("12 data");
            bar.tabShown("Data");
            assertThat(label(bar, "status.message").getText()).isBlank();
            assertThat(label(bar, "status.message").getToolTipText()).isNull();
            assertThat(label(bar, "status.rows").getText()).isEqualTo("12 data");
        });
    }

    @Test
    void anAnswerArrivingAfterTheUserMovedToAnotherTabSaysWhichTabItIsAbout() throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            StatusBar bar = new StatusBar(new Background(null), () -> "");
            Status works = bar.of("Works");
            Status data = bar.of("Data");
            bar.tabShown("Works");
            works.say("Submitted work 1234");
            assertThat(label(bar, "status.message").getText()).isEqualTo("Submitted work 1234");
            bar.tabShown("Data");
            data.say("Uploaded input.txt");
            works.say("Result in /home/ann/results/1234");
            assertThat(label(bar, "status.message").getText()).isEqualTo("Works: Result in /home/ann/results/1234");
            works.warn("Cannot refresh the works: the server is not answering");
            assertThat(label(bar, "status.message").getText())
                    .isEqualTo("Works: Cannot refresh the works: the server is not answering");
            data.say("Deleted 'input.txt'");
            assertThat(label(bar, "status.message").getText()).isEqualTo("Deleted 'input.txt'");
        });
    }

    @Test
    void aRefreshWarningGoesOnceTheServerAnswersAgainButNotALaterMessage() throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            StatusBar bar = new StatusBar(new Background(null), () -> "");
            Status works = bar.of("Works");
            bar.tabShown("Works");
            String away = "Cannot refresh the works: the server does not answer";
            works.warn(away);
            works.settled(away);
            assertThat(label(bar, "status.message").getText()).isBlank();
            works.warn(away);
            works.say("Submitted work 1234");
            works.settled(away);
            assertThat(label(bar, "status.message").getText()).isEqualTo("Submitted work 1234");
            works.warn(away);
            bar.tabShown("Data");
            bar.of("Data").say("Uploaded input.txt");
            works.settled(away);
            assertThat(label(bar, "status.message").getText()).isEqualTo("Uploaded input.txt");
        });
    }

    private static JLabel label(StatusBar bar, String name) {
        for (java.awt.Component c : bar.getComponents()) {
            if (name.equals(c.getName())) {
                return (JLabel) c;
            }
        }
        throw new AssertionError("no " + name + " in the status bar");
    }
}
