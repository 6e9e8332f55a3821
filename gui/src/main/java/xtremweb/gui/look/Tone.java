package xtremweb.gui.look;

import com.formdev.flatlaf.FlatLaf;
import java.awt.Color;

/** The meaning of a status, shown as a colour that reads well on the light and the dark theme. */
public enum Tone {
    /** Done and well: COMPLETED, alive, enabled. */
    GOOD(new Color(0x1E7F34), new Color(0x5BC46E)),
    /** In progress: RUNNING, uploading its result. */
    ACTIVE(new Color(0x0B61C4), new Color(0x59A5F5)),
    /** Waiting: PENDING. */
    WAITING(new Color(0x8A6100), new Color(0xE0B341)),
    /** Failed: ERROR, lost. */
    BAD(new Color(0xC0262D), new Color(0xF2696E)),
    /** Nothing to worry about: switched off, silent for long, unknown. */
    MUTED(new Color(0x6E6E6E), new Color(0x9A9A9A));

    private final Color light;
    private final Color dark;

    Tone(Color light, Color dark) {
        this.light = light;
        this.dark = dark;
    }

    /** The colour for the theme in use. */
    public Color colour() {
        return FlatLaf.isLafDark() ? dark : light;
    }
}
