package xtremweb.client.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import xtremweb.common.json.Json;

/**
 * A list of objects of one kind (works, apps...) printed in any {@link OutputFormat}.
 *
 * <p>The machine formats take every field of the wire record, through the same JSON mapping the
 * server uses, so a field added to a record shows up everywhere without touching this class.
 *
 * @param kind singular name of the objects ({@code work}); the XML root and the HTML title use its plural
 */
public record Listing<T>(String kind, List<Column<T>> textColumns, List<T> items) {
    private static final TypeReference<LinkedHashMap<String, Object>> FIELDS = new TypeReference<>() {
    };

    public Listing {
        textColumns = List.copyOf(textColumns);
        items = List.copyOf(items);
    }

    public void print(PrintWriter out, OutputFormat format) {
        switch (format) {
            case TEXT -> text(out);
            case JSON -> json(out);
            case CSV -> Csv.write(out, headers(), rows());
            case XML -> Xml.write(out, kind, rows());
            case HTML -> Html.write(out, kind + "s", headers(), rows());
        }
        out.flush();
    }

    private void text(PrintWriter out) {
        Table table = new Table(textColumns.stream().map(Column::header).toArray(String[]::new));
        for (T item : items) {
            table.row(textColumns.stream().map(c -> c.cell().apply(item)).toArray());
        }
        table.print(out);
    }

    private void json(PrintWriter out) {
        try {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(items));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** Every object as field name to value, in the record's order; lists stay lists. */
    List<Map<String, Object>> rows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (T item : items) {
            rows.add(Json.mapper().convertValue(item, FIELDS));
        }
        return rows;
    }

    /** The union of the field names, in first-seen order (absent fields are left out of JSON). */
    List<String> headers() {
        Set<String> names = new LinkedHashSet<>();
        rows().forEach(r -> names.addAll(r.keySet()));
        return new ArrayList<>(names);
    }

    /**
     * A value as one cell. A list: its items separated by spaces, each quoted if it holds a space or
     * a quote. A record (an app's binary, its replication policy): {@code name=value} pairs separated
     * by {@code ;} ({@code os=linux;cpu=amd64;dataUid=...}), a value quoted if it holds a space, a
     * quote, {@code ;} or {@code =}, so that the cell splits back into its fields, as a list's does.
     */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object o : list) {
                parts.add(quoted(cell(o), ".*[\\s\"].*"));
            }
            return String.join(" ", parts);
        }
        if (value instanceof Map<?, ?> record) {
            List<String> pairs = new ArrayList<>();
            for (Map.Entry<?, ?> field : record.entrySet()) {
                pairs.add(field.getKey() + "=" + quoted(cell(field.getValue()), ".*[\\s\";=].*"));
            }
            return String.join(";", pairs);
        }
        return value.toString();
    }

    private static String quoted(String s, String needsQuotes) {
        return s.isEmpty() || s.matches(needsQuotes) ? '"' + s.replace("\"", "\\\"") + '"' : s;
    }
}
