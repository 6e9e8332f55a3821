package xtremweb.gui.apps;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The question before an app is deleted reads as lines of a dialog, not one line of 130 characters. */
class DeleteQuestionTest {
    private static final String SAID = "No new work can use it, its works that no worker has started yet end in ERROR,"
            + " and its name cannot be used again.";

    @ParameterizedTest
    @ValueSource(strings = {"the app 'gui-app'", "3 apps", "the app 'a-rather-long-application-name-for-the-physics-group'"})
    void noLineOfTheDeleteQuestionIsLongerThanEightyCharactersAndItSaysWhatItSaid(String what) {
        String question = AppsTab.deleteQuestion(what);
        assertThat(question.lines()).hasSizeGreaterThan(1).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(80));
        assertThat(question.replace('\n', ' ')).isEqualTo("Delete " + what + "? " + SAID);
    }

    @Test
    void anAppNameLongerThanALineIsCutAcrossLinesNotLeftRunningOff() {
        String name = "x".repeat(100);
        String question = AppsTab.deleteQuestion("the app '" + name + "'");
        assertThat(question.lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(80));
        assertThat(question.replace("\n", "")).contains("'" + name + "'?");
    }
}
