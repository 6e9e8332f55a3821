package xtremweb.common.rights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AccessRightsTest {
    @Test
    void acceptsTheManualsThreeSpellingsAndPrintsHexPrefixed() {
        assertThat(AccessRights.parse("0x755")).isEqualTo(AccessRights.PUBLIC);
        assertThat(AccessRights.parse("755")).isEqualTo(AccessRights.PUBLIC);
        assertThat(AccessRights.parse("0755")).isEqualTo(AccessRights.PUBLIC);
        assertThat(AccessRights.PUBLIC).hasToString("0x755");
        assertThat(AccessRights.PRIVATE).hasToString("0x700");
        assertThat(AccessRights.GROUP).hasToString("0x750");
        assertThat(new AccessRights(0)).hasToString("0x000");
    }

    @Test
    void jobRightsAreRequestedAndAppRights() {
        assertThat(AccessRights.PUBLIC.and(AccessRights.PRIVATE)).isEqualTo(AccessRights.PRIVATE);
        assertThat(AccessRights.PUBLIC.and(AccessRights.GROUP)).isEqualTo(AccessRights.GROUP);
    }

    @Test
    void refusesDigitsThatAreNotOctal() {
        assertThatThrownBy(() -> AccessRights.parse("0x789")).hasMessageContaining("0x789");
        assertThatThrownBy(() -> AccessRights.parse("rwx")).hasMessageContaining("rwx");
    }
}
