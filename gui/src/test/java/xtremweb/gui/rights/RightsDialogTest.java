package xtremweb.gui.rights;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Change rights dialog refuses misspelt rights itself, in the command line's words, before closing. */
class RightsDialogTest {
    @Test
    void misspeltRightsAreRefusedInTheDialogAsXwchmodRefusesThem() {
        assertThat(RightsDialog.problem("0xZZ9")).hasValue("bad access rights '0xZZ9'; write them like 0x755, 750 or go-rx");
        assertThat(RightsDialog.problem("")).isPresent();
        assertThat(RightsDialog.problem("0x750")).isEmpty();
        assertThat(RightsDialog.problem("750")).isEmpty();
        assertThat(RightsDialog.problem("go-w")).isEmpty();
    }
}
