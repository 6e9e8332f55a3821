package xtremweb.client.format;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * XML: a root element named after the kind in the plural ({@code <works>}), one element per object
 * ({@code <work>}), one child element per field; list fields hold one {@code <item>} per value.
 * Written by the JDK's StAX writer, so every character is escaped correctly.
 */
final class Xml {
    private Xml() {
    }

    static void write(PrintWriter out, String kind, List<Map<String, Object>> rows) {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement(kind + "s");
            for (Map<String, Object> row : rows) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement(kind);
                for (Map.Entry<String, Object> field : row.entrySet()) {
                    xml.writeCharacters("\n    ");
                    xml.writeStartElement(field.getKey());
                    value(xml, field.getValue());
                    xml.writeEndElement();
                }
                xml.writeCharacters("\n  ");
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
            out.println();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML: " + e.getMessage(), e);
        }
    }

    private static void value(XMLStreamWriter xml, Object value) throws XMLStreamException {
        if (value instanceof List<?> list) {
            for (Object item : list) {
                xml.writeStartElement("item");
                value(xml, item);
                xml.writeEndElement();
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                xml.writeStartElement(String.valueOf(e.getKey()));
                value(xml, e.getValue());
                xml.writeEndElement();
            }
        } else if (value != null) {
            xml.writeCharacters(representable(value.toString()));
        }
    }

    /**
     * The text with each character XML 1.0 cannot hold, escaped or not (the C0 controls but tab,
     * line feed and carriage return; U+FFFE, U+FFFF), as U+FFFD: a work's arguments may hold an
     * ESC, and one raw byte of it made the whole listing unreadable to any XML parser. JSON and CSV
     * keep such characters exactly.
     */
    static String representable(String text) {
        StringBuilder kept = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = c >= 0x20 ? c != '\uFFFE' && c != '\uFFFF' : c == '\t' || c == '\n' || c == '\r';
            if (!allowed && kept == null) {
                kept = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (kept != null) {
                kept.append(allowed ? c : '\uFFFD');
            }
        }
        return kept == null ? text : kept.toString();
    }
}
