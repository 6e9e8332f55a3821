package xtremweb.client.macro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MacroLineTest {
    @Test
    void quotesKeepSpacesAndCommentsAreDropped() {
        assertThat(MacroLine.parse(1, "xwsendwork apptest 'two words' \"it's\" a\\ b # a comment").words())
                .containsExactly("xwsendwork", "apptest", "two words", "it's", "a b");
    }

    @Test
    void blankAndCommentLinesAreEmpty() {
        assertThat(MacroLine.parse(1, "   ").isEmpty()).isTrue();
        assertThat(MacroLine.parse(2, "# only a comment").isEmpty()).isTrue();
    }

    @Test
    void aHashInsideAWordIsNotAComment() {
        assertThat(MacroLine.parse(1, "xwsendwork app x#y").words()).containsExactly("xwsendwork", "app", "x#y");
    }

    @Test
    void theLegacyPrefixAndAStdinRedirectReadLikeTheShell() {
        assertThat(MacroLine.parse(3, "xtremweb.client --xwsendwork apptest -n 2 < input.txt").words())
                .containsExactly("--xwsendwork", "--xwstdin", "input.txt", "apptest", "-n", "2");
    }

    @Test
    void anUnclosedQuoteNamesTheLine() {
        assertThatThrownBy(() -> MacroLine.parse(7, "xwsendwork app 'oops")).hasMessageContaining("line 7");
    }
}
