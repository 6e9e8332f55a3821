package xtremweb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads a listing printed with {@code --xwformat xml|csv|json|html} back with a real parser for that
 * format, into one field-name-to-text map per object, so one assertion fits every format. Each parse
 * also checks the format's frame: XML's root element, CSV's header, JSON's array, HTML's one table.
 */
enum ListingParser {
    XML {
        @Override
        List<Map<String, String>> parse(String kind, String output) throws Exception {
            org.w3c.dom.Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(output.getBytes(StandardCharsets.UTF_8)));
            assertThat(xml.getDocumentElement().getTagName()).isEqualTo(kind + "s");
            List<Map<String, String>> objects = new ArrayList<>();
            for (org.w3c.dom.Element object : elements(xml.getDocumentElement().getChildNodes())) {
                assertThat(object.getTagName()).isEqualTo(kind);
                Map<String, String> fields = new LinkedHashMap<>();
                elements(object.getChildNodes()).forEach(field -> fields.put(field.getTagName(), field.getTextContent()));
                objects.add(fields);
            }
            return objects;
        }

        private static List<org.w3c.dom.Element> elements(NodeList nodes) {
            List<org.w3c.dom.Element> elements = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                    elements.add((org.w3c.dom.Element) nodes.item(i));
                }
            }
            return elements;
        }
    },
    CSV {
        @Override
        List<Map<String, String>> parse(String kind, String output) throws Exception {
            assertThat(output.lines().findFirst()).as("the header line").hasValueSatisfying(h -> assertThat(h).contains("uid"));
            return new CsvMapper().readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader())
                    .<Map<String, String>>readValues(output).readAll();
        }
    },
    JSON {
        @Override
        List<Map<String, String>> parse(String kind, String output) throws Exception {
            JsonNode array = new ObjectMapper().readTree(output);
            assertThat(array.isArray()).as("a JSON array").isTrue();
            List<Map<String, String>> objects = new ArrayList<>();
            for (JsonNode object : array) {
                Map<String, String> fields = new LinkedHashMap<>();
                object.fields().forEachRemaining(f -> fields.put(f.getKey(),
                        f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString()));
                objects.add(fields);
            }
            return objects;
        }
    },
    HTML {
        @Override
        List<Map<String, String>> parse(String kind, String output) {
            Document page = Jsoup.parse(output);
            assertThat(output).startsWith("<!DOCTYPE html>");
            assertThat(page.select("table")).as("one table").hasSize(1);
            List<String> headers = page.select("thead th").stream().map(Element::text).toList();
            List<Map<String, String>> objects = new ArrayList<>();
            for (Element row : page.select("tbody tr")) {
                // not eachText(): it leaves out empty cells, and an absent field is an empty cell
                List<String> cells = row.select("td").stream().map(Element::text).toList();
                Map<String, String> fields = new LinkedHashMap<>();
                for (int i = 0; i < headers.size(); i++) {
                    fields.put(headers.get(i), cells.get(i));
                }
                objects.add(fields);
            }
            return objects;
        }
    };

    /** The objects of a listing of {@code kind} (work, app...), as field name to text. */
    abstract List<Map<String, String>> parse(String kind, String output) throws Exception;

    /** The value of {@code --xwformat}. */
    String option() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
