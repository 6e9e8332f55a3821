package xtremweb.gui.table;

import java.util.function.Function;

/**
 * One column of a table: its header, the type of its values (which picks the renderer and the
 * sort order), how a row gives its value (an accessor, never a server call), its preferred width in
 * characters and a tooltip for its header.
 */
public record Column<T>(String name, Class<?> type, Function<? super T, ?> value, int chars, String tooltip) {
    public Column {
        if (name == null || name.isBlank() || type == null || value == null || chars <= 0) {
            throw new IllegalArgumentException("a column needs a name, a type, a value and a width");
        }
    }

    /** Wide enough for a whole UID (36 characters and the cell's margins): people copy it into xwworks, xwresult... */
    public static final int UID_CHARS = 38;

    /** The UID column every table has, wide enough to be read whole. */
    public static <T> Column<T> uid(Function<? super T, ?> value, String tooltip) {
        return new Column<>("UID", String.class, value, UID_CHARS, tooltip);
    }

    public static <T> Column<T> of(String name, Class<?> type, Function<? super T, ?> value, int chars, String tooltip) {
        return new Column<>(name, type, value, chars, tooltip);
    }
}
