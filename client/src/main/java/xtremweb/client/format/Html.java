package xtremweb.client.format;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** A standalone HTML page with one table: a header row of field names, one row per object. */
final class Html {
    private Html() {
    }

    static void write(PrintWriter out, String title, List<String> headers, List<Map<String, Object>> rows) {
        out.println("<!DOCTYPE html>");
        out.println("<html lang=\"en\">");
        out.println("<head><meta charset=\"utf-8\"><title>XtremWeb " + escape(title) + "</title>");
        out.println("<style>table{border-collapse:collapse}th,td{border:1px solid #999;padding:2px 6px;text-align:left}</style></head>");
        out.println("<body>");
        out.println("<table>");
        out.print("<thead><tr>");
        headers.forEach(h -> out.print("<th>" + escape(h) + "</th>"));
        out.println("</tr></thead>");
        out.println("<tbody>");
        for (Map<String, Object> row : rows) {
            out.print("<tr>");
            headers.forEach(h -> out.print("<td>" + escape(Listing.cell(row.get(h))) + "</td>"));
            out.println("</tr>");
        }
        out.println("</tbody>");
        out.println("</table>");
        out.println("</body>");
        out.println("</html>");
    }

    static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '&' -> s.append("&amp;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> s.append(c);
            }
        }
        return s.toString();
    }
}
