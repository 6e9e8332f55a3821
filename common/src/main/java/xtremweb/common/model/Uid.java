package xtremweb.common.model;

import java.util.regex.Pattern;

/** The shape of an object's UID: a UUID, stored in lower case, accepted in any case. */
public final class Uid {
    private static final Pattern SHAPE = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Uid() {
    }

    /** Whether {@code text} is shaped like a UID (any case). */
    public static boolean isUid(String text) {
        return text != null && text.length() == 36 && SHAPE.matcher(text).matches();
    }

    /**
     * {@code text} in the form UIDs are stored in: lower case when it is shaped like a UID, else as
     * given (a name, or something the lookup refuses in its own words).
     */
    public static String canonical(String text) {
        return isUid(text) ? text.toLowerCase(java.util.Locale.ROOT) : text;
    }
}
