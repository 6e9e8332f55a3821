package xtremweb.client.format;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** RFC 4180 CSV: a header line, then one line per object; fields quoted when they need it. */
final class Csv {
    private Csv() {
    }

    static void write(PrintWriter out, List<String> headers, List<Map<String, Object>> rows) {
        out.print(line(headers.stream().map(h -> (Object) h).toList()));
        for (Map<String, Object> row : rows) {
            out.print(line(headers.stream().map(row::get).toList()));
        }
    }

    private static String line(List<Object> values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            String cell = Listing.cell(values.get(i));
            if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
                cell = '"' + cell.replace("\"", "\"\"") + '"';
            }
            line.append(cell);
        }
        return line.append("\r\n").toString();
    }
}
