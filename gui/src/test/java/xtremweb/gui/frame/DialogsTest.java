package xtremweb.gui.frame;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A dialog's message is broken into lines at spaces, keeping every word and the breaks it already had. */
class DialogsTest {
    @Test
    void aLongSentenceIsBrokenAtSpacesIntoLinesOfAtMostALine() {
        String sentence = "Delete the user 'alice'? Their logins stop working at once (their tokens and workers'"
                + " credentials are revoked); what they submitted stays.";
        String wrapped = Dialogs.wrapped(sentence);
        assertThat(wrapped.lines()).hasSize(2).allSatisfy(line -> assertThat(line.length()).isBetween(1, Dialogs.LINE));
        assertThat(wrapped.replace('\n', ' ')).isEqualTo(sentence);
    }

    @Test
    void aShortTextAndItsOwnLineBreaksAreLeftAlone() {
        assertThat(Dialogs.wrapped("Delete 3 apps?")).isEqualTo("Delete 3 apps?");
        assertThat(Dialogs.wrapped("First line.\nSecond line.")).isEqualTo("First line.\nSecond line.");
    }

    @Test
    void aWordLongerThanALineIsCutAcrossLines() {
        String word = "y".repeat(Dialogs.LINE * 2 + 5);
        assertThat(Dialogs.wrapped("Delete '" + word + "'?").lines())
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(Dialogs.LINE))
                .hasSize(4);
    }
}
