package xtremweb.gui.look;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Whether the desktop prefers dark windows, asked the way each desktop tells it: GNOME's
 * {@code color-scheme} or GTK theme, KDE's colour scheme, macOS's {@code AppleInterfaceStyle},
 * Windows' {@code AppsUseLightTheme}. Asked once, at start: a desktop that cannot tell gets light.
 */
final class SystemTheme {
    private static volatile Boolean dark;

    private SystemTheme() {
    }

    static boolean prefersDark() {
        Boolean known = dark;
        if (known == null) {
            known = detect();
            dark = known;
        }
        return known;
    }

    private static boolean detect() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return run("defaults", "read", "-g", "AppleInterfaceStyle").map(SystemTheme::mentionsDark).orElse(false);
        }
        if (os.contains("win")) {
            return run("reg", "query", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                    "/v", "AppsUseLightTheme").map(SystemTheme::windowsSaysDark).orElse(false);
        }
        return unixSaysDark(System.getenv("GTK_THEME"),
                run("gsettings", "get", "org.gnome.desktop.interface", "color-scheme").orElse(""),
                run("gsettings", "get", "org.gnome.desktop.interface", "gtk-theme").orElse(""),
                kdeColorScheme());
    }

    /** The GTK_THEME variable, GNOME's color-scheme and gtk-theme settings and KDE's scheme, in that order. */
    static boolean unixSaysDark(String gtkThemeVariable, String colorScheme, String gtkTheme, String kdeScheme) {
        if (gtkThemeVariable != null && !gtkThemeVariable.isBlank()) {
            return mentionsDark(gtkThemeVariable);
        }
        if (colorScheme.contains("prefer-dark")) {
            return true;
        }
        if (colorScheme.contains("prefer-light")) {
            return false;
        }
        return mentionsDark(gtkTheme) || mentionsDark(kdeScheme);
    }

    /** {@code reg query} prints {@code AppsUseLightTheme REG_DWORD 0x0} when apps should be dark. */
    static boolean windowsSaysDark(String regOutput) {
        return regOutput.matches("(?s).*AppsUseLightTheme\\s+REG_DWORD\\s+0x0\\b.*");
    }

    static boolean mentionsDark(String text) {
        return text != null && text.toLowerCase(Locale.ROOT).contains("dark");
    }

    private static String kdeColorScheme() {
        Path kdeglobals = Path.of(System.getProperty("user.home", ""), ".config", "kdeglobals");
        try {
            List<String> lines = Files.isReadable(kdeglobals) ? Files.readAllLines(kdeglobals) : List.of();
            return lines.stream().filter(line -> line.startsWith("ColorScheme=")).findFirst().orElse("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** A desktop tool's output, or empty when it is missing, fails or takes more than two seconds. */
    private static Optional<String> run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (InputStream out = process.getInputStream()) {
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return Optional.empty();
                }
                String text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
                return process.exitValue() == 0 ? Optional.of(text) : Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
