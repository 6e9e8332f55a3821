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

    @Test
    void symbolicModesChangeExistingRightsLikeChmod() {
        assertThat(AccessRights.PUBLIC.apply("go-rx")).isEqualTo(AccessRights.PRIVATE);
        assertThat(AccessRights.PUBLIC.apply("o-rx")).isEqualTo(AccessRights.GROUP);
        assertThat(AccessRights.PRIVATE.apply("go+rx")).isEqualTo(AccessRights.PUBLIC);
        assertThat(new AccessRights(0).apply("u+rwx")).isEqualTo(AccessRights.PRIVATE);
        assertThat(new AccessRights(0777).apply("go-w")).isEqualTo(AccessRights.PUBLIC);
        assertThat(new AccessRights(0).apply("a=rx")).hasToString("0x555");
        assertThat(new AccessRights(0).apply("=r")).hasToString("0x444");
        assertThat(AccessRights.PRIVATE.apply("u=rwx,g=rx")).isEqualTo(AccessRights.GROUP);
        assertThat(AccessRights.PRIVATE.apply("0x755")).isEqualTo(AccessRights.PUBLIC);
        assertThat(AccessRights.PUBLIC.apply("750")).isEqualTo(AccessRights.GROUP);
    }

    @Test
    void refusesSymbolicModesChmodWouldRefuse() {
        assertThatThrownBy(() -> AccessRights.PUBLIC.apply("z+w")).hasMessageContaining("z+w");
        assertThatThrownBy(() -> AccessRights.PUBLIC.apply("u+q")).hasMessageContaining("u+q");
        assertThat(AccessRights.isSymbolic("go-w")).isTrue();
        assertThat(AccessRights.isSymbolic("0x755")).isFalse();
    }
}
