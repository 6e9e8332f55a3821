package xtremweb.common.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AppCreateTest {
    private static final String DATA = "0b6c1a0e-6f7e-4c55-9d0a-2f1d8c3b4a59";

    @Test
    void anAppNameWithAnAccentedLetterIsRefusedSayingWhichLettersAreTaken() {
        assertThatThrownBy(() -> new AppCreate("énergie", "amd64", "linux", DATA)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("letters of a to z (either case)").hasMessageContaining("got 'énergie'");
        assertThatThrownBy(() -> new AppCreate("-blast", "amd64", "linux", DATA))
                .hasMessageContaining("starting with a letter or digit");
        assertThat(new AppCreate("Blast-2.0_x+y", "amd64", "linux", DATA).name()).isEqualTo("Blast-2.0_x+y");
    }
}
