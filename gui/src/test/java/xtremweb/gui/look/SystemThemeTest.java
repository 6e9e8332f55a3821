package xtremweb.gui.look;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SystemThemeTest {
    @Test
    void gnomesColorSchemeDecidesBeforeTheThemeName() {
        assertThat(SystemTheme.unixSaysDark(null, "'prefer-dark'\n", "'Adwaita'", "")).isTrue();
        assertThat(SystemTheme.unixSaysDark(null, "'prefer-light'\n", "'Adwaita-dark'", "")).isFalse();
        assertThat(SystemTheme.unixSaysDark(null, "'default'\n", "'Adwaita-dark'", "")).isTrue();
        assertThat(SystemTheme.unixSaysDark(null, "", "", "ColorScheme=BreezeDark")).isTrue();
        assertThat(SystemTheme.unixSaysDark(null, "", "", "")).as("a desktop that cannot tell gets light").isFalse();
    }

    @Test
    void theGtkThemeVariableWinsWhenSet() {
        assertThat(SystemTheme.unixSaysDark("Adwaita:dark", "'prefer-light'", "", "")).isTrue();
        assertThat(SystemTheme.unixSaysDark("Adwaita", "'prefer-dark'", "", "")).isFalse();
    }

    @Test
    void windowsAppsUseLightThemeZeroIsDark() {
        String dark = "\nHKEY_CURRENT_USER\\Software\\...\\Personalize\n    AppsUseLightTheme    REG_DWORD    0x0\n";
        String light = "\nHKEY_CURRENT_USER\\Software\\...\\Personalize\n    AppsUseLightTheme    REG_DWORD    0x1\n";
        assertThat(SystemTheme.windowsSaysDark(dark)).isTrue();
        assertThat(SystemTheme.windowsSaysDark(light)).isFalse();
    }

    @Test
    void themesAreNamedInAnyCase() {
        assertThat(Theme.named("Dark")).contains(Theme.DARK);
        assertThat(Theme.named("purple")).isEmpty();
    }
}
