package xtremweb.gui.background;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import xtremweb.common.http.XwApiException;
import xtremweb.gui.frame.Dialogs;

class ProblemsTest {
    @Test
    void anErrorDialogSaysWhyInReadableLinesAndLeavesWhatFailedToItsTitle() {
        String why = "nothing answers at localhost:4325; start the server there, or fix the server in the Log in dialog"
                + " (or dispatcher.servers and port.https in /home/me/.xtremweb/xwrc)";

        Object message = Problems.pane(new XwApiException(503, "unavailable", why)).getMessage();

        // it used to be {heading, sentence}: "Loading works failed" twice, as title and first line
        assertThat(message).isInstanceOf(String.class);
        assertThat(((String) message).replace('\n', ' ')).isEqualTo(why);
        assertThat(((String) message).lines()).hasSizeGreaterThan(1)
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(Dialogs.LINE));
    }
}
