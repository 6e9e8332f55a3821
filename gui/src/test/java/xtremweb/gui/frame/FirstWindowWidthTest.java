package xtremweb.gui.frame;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The first window grows to show its tabs' tables whole, within the screen, and never shrinks. */
class FirstWindowWidthTest {
    @Test
    void theDefaultWindowGrowsToItsTablesWithinTheScreen() {
        assertThat(MainWindow.widthShowingWhole(1100, 1240, 1920)).isEqualTo(1240);
        assertThat(MainWindow.widthShowingWhole(1100, 1240, 1280)).isEqualTo(1240);
        assertThat(MainWindow.widthShowingWhole(1100, 1400, 1280)).as("never wider than the screen").isEqualTo(1280);
        assertThat(MainWindow.widthShowingWhole(1100, 900, 1920)).as("never narrower than it was").isEqualTo(1100);
    }
}
