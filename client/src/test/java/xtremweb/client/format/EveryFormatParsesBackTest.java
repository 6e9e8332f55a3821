package xtremweb.client.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;
import xtremweb.common.json.Json;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.AppBinary;
import xtremweb.common.wire.AppView;
import xtremweb.common.wire.Replication;
import xtremweb.common.wire.WorkView;

/** Each machine format is read back by a real parser and gives back the objects, every field included. */
class EveryFormatParsesBackTest {
    // Labels and arguments carry the characters each format must escape.
    private static final List<WorkView> WORKS = List.of(
            new WorkView("w-1", "a-1", "blast", "u-1", "a, \"quoted\" <label> & more", List.of("-n", "two words"),
                    WorkStatus.COMPLETED, 0, null, null, null, "d-9", "0x755", 0,
                    Instant.parse("2026-11-21T10:00:00Z"), Instant.parse("2026-11-21T10:01:00Z")),
            new WorkView("w-2", "a-1", "blast", "u-1", "line\nbreak", List.of(), WorkStatus.ERROR, null,
                    "cannot execute the app binary", null, null, null, "0x700", 1,
                    Instant.parse("2026-11-21T11:00:00Z"), null));

    private static String print(OutputFormat format) {
        StringWriter text = new StringWriter();
        new Listing<>("work", List.of(Column.<WorkView>of("UID", WorkView::uid), Column.<WorkView>of("STATUS", WorkView::status)),
                WORKS).print(new PrintWriter(text), format);
        return text.toString();
    }

    @Test
    void jsonIsAnArrayOfTheWholeObjects() throws Exception {
        List<WorkView> back = Json.mapper().readValue(print(OutputFormat.JSON),
                Json.mapper().getTypeFactory().constructCollectionType(List.class, WorkView.class));
        assertThat(back).isEqualTo(WORKS);
    }

    @Test
    void csvHasAHeaderLineAndOneRecordPerObject() throws Exception {
        CsvMapper csv = new CsvMapper();
        MappingIterator<Map<String, String>> rows = csv.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(print(OutputFormat.CSV));
        List<Map<String, String>> all = rows.readAll();
        assertThat(all).hasSize(2);
        assertThat(all.get(0)).containsEntry("uid", "w-1").containsEntry("label", "a, \"quoted\" <label> & more")
                .containsEntry("args", "-n \"two words\"").containsEntry("status", "COMPLETED")
                .containsEntry("submitted", "2026-11-21T10:00:00Z").containsEntry("resultDataUid", "d-9");
        assertThat(all.get(1)).containsEntry("label", "line\nbreak").containsEntry("errorMessage", "cannot execute the app binary");
    }

    @Test
    void xmlHasARootElementAndOneElementPerObject() throws Exception {
        byte[] bytes = print(OutputFormat.XML).getBytes(StandardCharsets.UTF_8);
        org.w3c.dom.Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
        assertThat(xml.getDocumentElement().getTagName()).isEqualTo("works");
        NodeList works = xml.getElementsByTagName("work");
        assertThat(works.getLength()).isEqualTo(2);
        org.w3c.dom.Element first = (org.w3c.dom.Element) works.item(0);
        assertThat(first.getElementsByTagName("label").item(0).getTextContent()).isEqualTo("a, \"quoted\" <label> & more");
        NodeList args = ((org.w3c.dom.Element) first.getElementsByTagName("args").item(0)).getElementsByTagName("item");
        assertThat(args.getLength()).isEqualTo(2);
        assertThat(args.item(1).getTextContent()).isEqualTo("two words");
        assertThat(first.getElementsByTagName("status").item(0).getTextContent()).isEqualTo("COMPLETED");
    }

    @Test
    void xmlStaysWellFormedWhenAnArgumentHoldsAControlCharacter() throws Exception {
        // Arguments may hold anything but NUL; XML 1.0 cannot hold an ESC even as &#27;.
        WorkView work = new WorkView("w-3", "a-1", "blast", "u-1", null, List.of("arg\u001b[2J", "bell\u0007", "tab\there"),
                WorkStatus.PENDING, null, null, null, null, null, "0x755", 0, Instant.parse("2026-11-21T12:00:00Z"), null);
        StringWriter text = new StringWriter();
        new Listing<>("work", List.of(), List.of(work)).print(new PrintWriter(text), OutputFormat.XML);

        org.w3c.dom.Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
        NodeList args = xml.getElementsByTagName("item");
        assertThat(args.getLength()).isEqualTo(3);
        assertThat(args.item(0).getTextContent()).isEqualTo("arg\uFFFD[2J");
        assertThat(args.item(1).getTextContent()).isEqualTo("bell\uFFFD");
        assertThat(args.item(2).getTextContent()).isEqualTo("tab\there");
    }

    @Test
    void htmlIsAStandalonePageWithOneTableRowPerObject() {
        Document page = Jsoup.parse(print(OutputFormat.HTML));
        assertThat(page.title()).isEqualTo("XtremWeb works");
        List<String> headers = page.select("table thead th").eachText();
        assertThat(headers).contains("uid", "status", "label", "args");
        List<Element> rows = page.select("table tbody tr");
        assertThat(rows).hasSize(2);
        List<String> cells = rows.get(0).select("td").eachText();
        assertThat(cells.get(headers.indexOf("label"))).isEqualTo("a, \"quoted\" <label> & more");
        assertThat(cells.get(headers.indexOf("uid"))).isEqualTo("w-1");
    }

    @Test
    void textIsAnAlignedTableOfTheChosenColumns() {
        assertThat(print(OutputFormat.TEXT).lines().toList())
                .containsExactly("UID  STATUS", "w-1  COMPLETED", "w-2  ERROR");
    }

    @Test
    void jsonOfNoObjectsIsAnEmptyArray() throws Exception {
        StringWriter text = new StringWriter();
        new Listing<WorkView>("work", List.of(), List.of()).print(new PrintWriter(text), OutputFormat.JSON);
        JsonNode node = Json.mapper().readTree(text.toString());
        assertThat(node.isArray()).isTrue();
        assertThat(node).isEmpty();
    }

    private static final List<AppView> APPS = List.of(new AppView("a-1", "blast", "u-1", "0x755",
            List.of(new AppBinary("linux", "amd64", "d-1"), new AppBinary("macosx", "aarch64", "d-2")),
            Instant.parse("2026-11-21T09:00:00Z"), new Replication(2, 3, 5, 1, "numeric")));

    private static String printApps(OutputFormat format) {
        StringWriter text = new StringWriter();
        new Listing<>("app", List.of(Column.<AppView>of("NAME", AppView::name)), APPS).print(new PrintWriter(text), format);
        return text.toString();
    }

    @Test
    void aCsvCellOfRecordsListsEachAsNameValuePairsNotAsAJavaMapsToString() throws Exception {
        List<Map<String, String>> all = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).<Map<String, String>>readValues(printApps(OutputFormat.CSV)).readAll();
        assertThat(all).hasSize(1);
        // One binary per item, items separated by spaces as the other multi-valued cells (args) are.
        assertThat(all.get(0)).containsEntry("binaries", "os=linux;cpu=amd64;dataUid=d-1 os=macosx;cpu=aarch64;dataUid=d-2")
                .containsEntry("replication", "quorum=2;initialCopies=3;maxResults=5;maxErrors=1;comparator=numeric");
        assertThat(all.get(0).values()).noneMatch(cell -> cell.contains("{"));
    }

    @Test
    void theBinariesOfAnAppStayStructuredInJsonAndXml() throws Exception {
        List<AppView> back = Json.mapper().readValue(printApps(OutputFormat.JSON),
                Json.mapper().getTypeFactory().constructCollectionType(List.class, AppView.class));
        assertThat(back).isEqualTo(APPS);
        org.w3c.dom.Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(printApps(OutputFormat.XML).getBytes(StandardCharsets.UTF_8)));
        NodeList binaries = ((org.w3c.dom.Element) xml.getElementsByTagName("binaries").item(0)).getElementsByTagName("item");
        assertThat(binaries.getLength()).isEqualTo(2);
        org.w3c.dom.Element second = (org.w3c.dom.Element) binaries.item(1);
        assertThat(second.getElementsByTagName("os").item(0).getTextContent()).isEqualTo("macosx");
        assertThat(second.getElementsByTagName("dataUid").item(0).getTextContent()).isEqualTo("d-2");
    }
}
