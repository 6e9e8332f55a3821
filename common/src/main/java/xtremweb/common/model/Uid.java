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
}
