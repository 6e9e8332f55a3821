package xtremweb.client.api;

import java.util.Optional;
import java.util.regex.Pattern;

/** Object identifiers as users type them: a bare UID or the manual's {@code xw://host:port/uid}. */
public final class Uids {
    private static final Pattern UID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Uids() {
    }

    /** The UID in {@code text}, if it is a UID or an {@code xw://} URI ending with one. */
    public static Optional<String> parse(String text) {
        String candidate = text.trim();
        if (candidate.startsWith("xw://")) {
            candidate = candidate.substring(candidate.lastIndexOf('/') + 1);
        }
        return UID.matcher(candidate).matches() ? Optional.of(candidate.toLowerCase()) : Optional.empty();
    }

    /** Like {@link #parse} but refuses anything else with a sentence naming the value. */
    public static String require(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException(
                "'" + text + "' is not a UID (like 0b6c1a0e-6f7e-4c55-9d0a-2f1d8c3b4a59) nor an xw:// URI"));
    }
}
