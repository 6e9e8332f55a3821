package xtremweb.client.format;

import java.util.function.Function;

/** One column of the TEXT table: its header and how to get the cell from an object. */
public record Column<T>(String header, Function<T, Object> cell) {
    public static <T> Column<T> of(String header, Function<T, Object> cell) {
        return new Column<>(header, cell);
    }
}
