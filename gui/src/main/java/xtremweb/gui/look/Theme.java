package xtremweb.gui.look;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;
import java.util.Locale;
import java.util.Optional;
import javax.swing.UIManager;

/** The GUI's look: FlatLaf light or dark, or whichever the desktop prefers. */
public enum Theme {
    SYSTEM("Follow the system"),
    LIGHT("Light"),
    DARK("Dark");

    private final String label;

    Theme(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** A theme from its name ({@code system}, {@code light}, {@code dark}, any case). */
    public static Optional<Theme> named(String name) {
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public boolean dark() {
        return this == DARK || (this == SYSTEM && SystemTheme.prefersDark());
    }

    /** Installs the look; before the first window, or on the event thread to restyle every open window. */
    public void install() {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            // FlatLaf draws the title bars on Linux too: dark with the dark theme, and the same on every desktop.
            javax.swing.JFrame.setDefaultLookAndFeelDecorated(true);
            javax.swing.JDialog.setDefaultLookAndFeelDecorated(true);
        }
        if (dark()) {
            FlatDarkLaf.setup();
        } else {
            FlatLightLaf.setup();
        }
        // Rows a little taller and lines between them: long tables stay readable, as in BOINC's lists.
        UIManager.put("Table.showHorizontalLines", true);
        UIManager.put("Table.intercellSpacing", new java.awt.Dimension(0, 1));
        UIManager.put("TabbedPane.showTabSeparators", true);
        UIManager.put("ScrollBar.showButtons", false);
        UIManager.put("Component.focusWidth", 1);
        if (FlatLaf.isLafDark() != dark()) {
            throw new IllegalStateException("the " + label + " theme could not be installed");
        }
    }

    /** Switches every open window to this theme. */
    public void switchTo() {
        install();
        FlatLaf.updateUI();
    }
}
