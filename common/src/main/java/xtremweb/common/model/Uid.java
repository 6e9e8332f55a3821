package xtremweb.common.model;

import java.util.regex.Pattern;

/** The shape of an object's UID: a UUID, stored in lower case, accepted in any case. */
public final class Uid {
    private static final Pattern SHAPE = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Uid() {
    }

    /** Whether {@code text} is shaped like a UID (any case). */
    public static boolean isUid(String text) {
        if (text == null || text.length() != 36) {
            return false;
        }
        // Checked by hand: a wait or a fetch names up to 10,000 UIDs, and the regular expression was
        // about 2% of a busy server's samples. SHAPE says the same and documents it.
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-'
                    : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The same rule as {@link #isUid}, as a regular expression (for tests and readers). */
    static boolean matchesShape(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }

    /**
     * {@code text} in the form UIDs are stored in: lower case when it is shaped like a UID, else as
     * given (a name, or something the lookup refuses in its own words).
     */
    public static String canonical(String text) {
        return isUid(text) ? text.toLowerCase(java.util.Locale.ROOT) : text;
    }
}
