package xtremweb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.swing.JOptionPane;
import javax.swing.JTable;
import org.assertj.swing.core.GenericTypeMatcher;
import org.assertj.swing.finder.JOptionPaneFinder;
import org.assertj.swing.finder.JFileChooserFinder;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.fixture.JFileChooserFixture;
import org.assertj.swing.fixture.JOptionPaneFixture;
import org.assertj.swing.fixture.JTableFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.client.api.XwClient;
import xtremweb.common.wire.WorkBatch;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.gui.Gui;
import xtremweb.gui.look.Theme;
import xtremweb.gui.table.HintTable;

/**
 * A scientist's day in the GUI, against a real server and worker: submit a work whose standard input
 * is a local file and watch it reach COMPLETED without pressing Refresh, download its result and
 * find the very bytes, submit a 100-job parameter sweep and see its 100 rows, make a work private,
 * delete the sweep, and keep working after the session's token expired.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GuiWorksEndToEndTest extends OnTheGuiGrid {
    private static final Pattern SUBMITTED = Pattern.compile("Submitted work ([0-9a-f-]{36})");
    @TempDir
    static Path tmp;
    static FrameFixture window;
    static Instant loggedIn;
    static XwClient admin;
    static String stdinWork;
    static byte[] stdin;

    @BeforeAll
    static void open(GuiGrid shared) {
        openRobot(shared);
        Gui gui = openGui(Optional.of(shared.admin), Theme.LIGHT);
        window = frame(gui);
        logInAsPrefilled(window, shared.credential("admin.login"));
        loggedIn = Instant.now();
        admin = shared.client(shared.admin);
    }

    @Test
    @Order(1)
    void aWorkWithAStdinFileReachesCompletedInTheTableWithoutPressingRefresh() throws Exception {
        stdin = new byte[5000];
        new Random(12).nextBytes(stdin);
        Path input = Files.write(tmp.resolve("input.bin"), stdin);
        window.tabbedPane("tabs").selectTab("Works");
        window.button("works.Submit").click();
        DialogFixture submit = dialog("submit");
        awaiting("the apps one may run").until(() -> List.of(submit.comboBox("submit.app").contents()).stream()
                .anyMatch(item -> item.startsWith("apptest")));
        submit.comboBox("submit.app").selectItem(Pattern.compile("apptest.*"));
        submit.textBox("submit.label").setText("gui-stdin");
        submit.textBox("submit.args").setText("'two words' \"and more\"");
        submit.textBox("submit.stdin").setText(input.toString());
        submit.button("submit.ok").click();
        awaiting("the submission").until(() -> SUBMITTED.matcher(statusText(window, "status.message")).find());
        Matcher uid = SUBMITTED.matcher(statusText(window, "status.message"));
        assertThat(uid.find()).isTrue();
        stdinWork = uid.group(1);

        JTable works = window.table("works.table").target();
        awaiting("the new work selected, its actions usable").until(() -> onEdt(() -> works.getSelectedRowCount() == 1
                && stdinWork.equals(((javax.swing.table.AbstractTableModel) works.getModel()).getValueAt(
                        works.convertRowIndexToModel(works.getSelectedRow()),
                        ((javax.swing.table.AbstractTableModel) works.getModel()).findColumn("UID")))));
        window.button("works.Details").requireEnabled();
        awaiting("the work to show COMPLETED by itself").atMost(Duration.ofMinutes(4))
                .until(() -> row(works, r -> r.get("UID").equals(stdinWork)).map(r -> r.get("Status")).orElse(""),
                        "COMPLETED"::equals);
        Map<String, String> done = row(works, r -> r.get("UID").equals(stdinWork)).orElseThrow();
        assertThat(done).containsEntry("Label", "gui-stdin").containsEntry("App", "apptest").containsEntry("Exit code", "0");
        assertThat(done.get("Host")).isNotBlank();
        assertThat(admin.works().get(stdinWork).stdinDataUid()).isNotNull();
    }

    @Test
    @Order(2)
    void itsResultIsDownloadedWithTheVeryBytes() throws Exception {
        JTableFixture works = window.table("works.table");
        select(works, r -> r.get("UID").equals(stdinWork));
        window.button("works.Downloadresult").click();
        Path folder = Files.createDirectories(tmp.resolve("results"));
        JFileChooserFixture chooser = JFileChooserFinder.findFileChooser("chooser.results").withTimeout(30, TimeUnit.SECONDS)
                .using(robot);
        chooser.setCurrentDirectory(tmp.toFile());
        chooser.selectFile(folder.toFile());
        chooser.approve();
        Path stdout = folder.resolve(stdinWork).resolve("stdout.txt");
        awaiting("the result on disk").until(() -> statusText(window, "status.message").startsWith("Result in"));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write("apptest args: [two words] [and more]\n".getBytes(StandardCharsets.UTF_8));
        expected.write(stdin);
        assertThat(Files.readAllBytes(stdout)).isEqualTo(expected.toByteArray());
        assertThat(Files.readAllBytes(folder.resolve(stdinWork).resolve("apptest.out"))).isEqualTo(expected.toByteArray());
        assertThat(statusText(window, "status.message")).contains(folder.resolve(stdinWork).toString());
        window.tabbedPane("tabs").selectTab("Data");
        assertThat(statusText(window, "status.message")).as("the works tab's message, gone with it").isBlank();
        window.tabbedPane("tabs").selectTab("Works");
    }

    @Test
    @Order(3)
    void aParameterSweepOfAHundredJobsShowsAHundredRows() throws Exception {
        Path params = tmp.resolve("energies.txt");
        Files.write(params, IntStream.rangeClosed(1, 100).mapToObj(i -> "point " + i + " \"x = " + i * 0.5 + "\"").toList());
        window.button("works.Submit").click();
        DialogFixture submit = dialog("submit");
        awaiting("the apps one may run").until(() -> List.of(submit.comboBox("submit.app").contents()).stream()
                .anyMatch(item -> item.startsWith("apptest")));
        submit.comboBox("submit.app").selectItem(Pattern.compile("apptest.*"));
        submit.textBox("submit.label").setText("sweep");
        // No worker has this much memory: the works wait, and keep the worker free for the other tests.
        submit.textBox("submit.minMemory").setText("999999999");
        submit.button("submit.session.new").click();
        JOptionPaneFixture name = optionPane();
        name.textBox().setText("gui-sweep");
        name.okButton().click();
        awaiting("the new session chosen").until(() -> String.valueOf(onEdt(() ->
                submit.comboBox("submit.session").target().getSelectedItem())).equals("gui-sweep"));
        submit.checkBox("submit.sweep").check();
        submit.button("submit.sweepBrowse").click();
        JFileChooserFixture chooser = JFileChooserFinder.findFileChooser("chooser.sweeps").withTimeout(30, TimeUnit.SECONDS)
                .using(robot);
        chooser.setCurrentDirectory(tmp.toFile());
        chooser.selectFile(params.toFile());
        chooser.approve();
        awaiting("the preview").until(() -> onEdt(() -> submit.table("submit.preview").target().getRowCount()) == 100);
        submit.label("submit.sweepCount").requireText("100 works will be submitted in one request.");
        assertThat(shown(submit.table("submit.preview").target()).get(1))
                .containsEntry("Label", "sweep-2").containsEntry("Arguments", "point 2 'x = 1.0'");
        submit.button("submit.ok").requireText("Submit all").click();
        awaiting("the sweep submitted").until(() -> statusText(window, "status.message").equals("Submitted 100 works"));

        awaiting("the session in the filter").until(() -> List.of(window.comboBox("works.filter.session").contents())
                .contains("gui-sweep"));
        window.comboBox("works.filter.session").selectItem("gui-sweep");
        JTable works = window.table("works.table").target();
        awaiting("a hundred rows").until(() -> shown(works).size() == 100);
        assertThat(shown(works)).allSatisfy(r -> assertThat(r.get("Label")).startsWith("sweep-"))
                .extracting(r -> r.get("Session")).containsOnly("gui-sweep");
        assertThat(statusText(window, "status.rows")).endsWith(", 100 shown");
    }

    @Test
    @Order(4)
    void changingRightsMakesAWorkPrivate() {
        window.comboBox("works.filter.session").selectItem("Any session");
        select(window.table("works.table"), r -> r.get("UID").equals(stdinWork));
        window.button("works.Changerights").click();
        JOptionPaneFixture rights = optionPane();
        // A typo is said before the dialog closes, and the dialog comes back with it to correct.
        rights.textBox("rights.text").deleteText().enterText("0xZZ9");
        rights.okButton().click();
        JOptionPaneFixture typo = JOptionPaneFinder.findOptionPane(new GenericTypeMatcher<JOptionPane>(JOptionPane.class) {
            @Override
            protected boolean isMatching(JOptionPane pane) {
                return pane.getMessageType() == JOptionPane.WARNING_MESSAGE;
            }
        }).withTimeout(30, TimeUnit.SECONDS).using(robot);
        assertThat(onEdt(() -> String.valueOf(typo.target().getMessage()))).contains("bad access rights '0xZZ9'", "go-rx");
        typo.okButton().click();
        rights = optionPane();
        rights.textBox("rights.text").requireText("0xZZ9");
        rights.button("rights.private").click();
        rights.textBox("rights.text").requireText("0x700");
        rights.okButton().click();
        awaiting("the work private on the server").until(() -> admin.works().get(stdinWork).accessRights().equals("0x700"));
    }

    @Test
    @Order(5)
    void deletingTheSweepLeavesItsSessionEmpty() {
        window.comboBox("works.filter.session").selectItem("gui-sweep");
        JTableFixture works = window.table("works.table");
        awaiting("a hundred rows").until(() -> shown(works.target()).size() == 100);
        onEdt(() -> {
            works.target().selectAll();
            return null;
        });
        window.button("works.Delete").click();
        JOptionPaneFixture confirm = optionPane();
        confirm.requireTitle("Delete 100 works");
        confirm.okButton().click();
        awaiting("the session's works gone").until(() -> shown(works.target()).isEmpty());
        assertThat(onEdt(((HintTable) works.target())::emptyHint)).startsWith("No work matches the filter");
        String session = admin.sessions().list().stream().filter(s -> s.name().equals("gui-sweep")).findFirst().orElseThrow().uid();
        assertThat(admin.works().list(Optional.empty(), Optional.of(session), Optional.empty())).isEmpty();
    }

    @Test
    @Order(6)
    void filesDroppedOnTheDataTableAreUploaded() throws Exception {
        Path dropped = Files.writeString(tmp.resolve("dropped.csv"), "x,y\n1,2\n");
        window.tabbedPane("tabs").selectTab("Data");
        JTable data = window.table("data.table").target();
        boolean taken = onEdt(() -> data.getTransferHandler().importData(new javax.swing.TransferHandler.TransferSupport(data,
                new FileDrop(List.of(dropped.toFile())))));
        assertThat(taken).isTrue();
        awaiting("the dropped file listed").until(() -> row(data, r -> r.get("Name").equals("dropped.csv")).isPresent());
        assertThat(row(data, r -> r.get("Name").equals("dropped.csv")).orElseThrow())
                .containsEntry("Type", "TEXT").containsEntry("Size", "8 B").containsEntry("Status", "AVAILABLE");
    }

    @Test
    @Order(7)
    void anAppIsInsertedWithABinaryPerPlatformAndDeleted() throws Exception {
        Path windows = Files.writeString(tmp.resolve("calc.exe"), "MZ not really windows");
        window.tabbedPane("tabs").selectTab("Apps");
        window.button("apps.Insertapp").click();
        DialogFixture insert = dialog("insertApp");
        insert.textBox("insertApp.name").setText("gui-app");
        for (Path binary : List.of(Path.of(ClientGrid.apptest()), windows)) {
            insert.button("insertApp.add").click();
            JFileChooserFixture chooser = JFileChooserFinder.findFileChooser("chooser.binaries")
                    .withTimeout(30, TimeUnit.SECONDS).using(robot);
            chooser.setCurrentDirectory(binary.getParent().toFile());
            chooser.selectFile(binary.toFile());
            chooser.approve();
        }
        JTableFixture binaries = insert.table("insertApp.binaries");
        awaiting("two binaries listed").until(() -> onEdt(() -> binaries.target().getRowCount()) == 2);
        onEdt(() -> {
            binaries.target().setValueAt("win32", 1, 0);
            return null;
        });
        insert.button("insertApp.ok").click();
        JTable apps = window.table("apps.table").target();
        awaiting("the app with both platforms").until(() -> row(apps, r -> r.get("Name").equals("gui-app"))
                .map(r -> r.get("Binaries")).orElse(""), platforms -> platforms.contains("win32/") && platforms.contains("linux/"));

        // A work of the app no worker can start (no worker has that much memory): it ends with the app.
        String orphan = admin.works().submit(new WorkSubmit("gui-app", List.of(), "orphan", null, null, 999_999_999_999L,
                null, null, null)).uid();
        select(window.table("apps.table"), r -> r.get("Name").equals("gui-app"));
        window.button("apps.Delete").requireEnabled().click();
        JOptionPaneFixture confirm = optionPane();
        confirm.okButton().click();
        awaiting("the app gone").until(() -> row(apps, r -> r.get("Name").equals("gui-app")).isEmpty());
        awaiting("the ended work said").until(() -> statusText(window, "status.message"),
                m -> m.equals("Deleted the app 'gui-app'; 1 work that no worker had started ended in ERROR with it"));
        assertThat(admin.works().get(orphan).status()).isEqualTo(xtremweb.common.model.WorkStatus.ERROR);
        assertThat(admin.apps().list()).noneMatch(a -> a.name().equals("gui-app"));
    }

    @Test
    @Order(8)
    void aSessionOfMoreWorksThanTheServerListsInOneAnswerShowsThemAll() {
        int count = xtremweb.common.wire.WorkView.LISTED_AT_MOST + 5;
        String large = admin.sessions().create("gui-large").uid();
        // No worker has this much memory: the works stay PENDING and are deleted with their session.
        WorkSubmit common = new WorkSubmit("apptest", List.of(), "large", null, null, 999_999_999_999L, null, null, null, large, null);
        List<String> submitted = admin.works().submitBatch(common, IntStream.rangeClosed(1, count)
                .mapToObj(i -> new WorkBatch.Job(List.of(String.valueOf(i)), "large-" + i)).toList());
        try {
            window.tabbedPane("tabs").selectTab("Works");
            awaiting("the session in the filter").until(() -> List.of(window.comboBox("works.filter.session").contents())
                    .contains("gui-large"));
            window.comboBox("works.filter.session").selectItem("gui-large");
            JTable works = window.table("works.table").target();
            // F5 as a user would: on a loaded machine the automatic refresh backs off to five times
            // what the last listing took, and the first may have started before the batch ended.
            awaiting("every work of the session, beyond the first page").atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(2)).until(() -> {
                        window.pressAndReleaseKeys(java.awt.event.KeyEvent.VK_F5);
                        return shown(works).size() + " rows; " + statusText(window, "status.rows");
                    }, seen -> seen.startsWith(count + " rows"));
            assertThat(shown(works)).extracting(r -> r.get("UID")).containsExactlyInAnyOrderElementsOf(submitted);
            assertThat(statusText(window, "status.rows")).doesNotContain("holds more");
        } finally {
            admin.sessions().delete(large);
        }
        window.comboBox("works.filter.session").selectItem("Any session");
    }

    @Test
    @Order(9)
    void aSessionOutlivingItsOneMinuteTokenGoesOnUnnoticed() {
        Instant expired = loggedIn.plusSeconds(65);
        awaiting("the token to expire").atMost(Duration.ofMinutes(2)).pollDelay(Duration.ofMillis(
                Math.max(0, Duration.between(Instant.now(), expired).toMillis()))).until(() -> true);
        window.tabbedPane("tabs").selectTab("Sessions");
        window.button("sessions.Newsession").click();
        JOptionPaneFixture name = optionPane();
        name.textBox().setText("after-the-token");
        name.okButton().click();
        JTable sessions = window.table("sessions.table").target();
        awaiting("the session made after the token expired").until(() -> row(sessions,
                r -> r.get("Name").equals("after-the-token")).isPresent());
        assertNoErrorDialog();
        assertThat(statusText(window, "status.message")).doesNotStartWith("Cannot");
    }

    /** Files as a file manager hands them over when they are dropped. */
    private record FileDrop(List<java.io.File> files) implements java.awt.datatransfer.Transferable {
        @Override
        public java.awt.datatransfer.DataFlavor[] getTransferDataFlavors() {
            return new java.awt.datatransfer.DataFlavor[] {java.awt.datatransfer.DataFlavor.javaFileListFlavor};
        }

        @Override
        public boolean isDataFlavorSupported(java.awt.datatransfer.DataFlavor flavor) {
            return flavor.equals(java.awt.datatransfer.DataFlavor.javaFileListFlavor);
        }

        @Override
        public Object getTransferData(java.awt.datatransfer.DataFlavor flavor) {
            return files;
        }
    }

    private static Optional<Map<String, String>> row(JTable table, Predicate<Map<String, String>> which) {
        return shown(table).stream().filter(which).findFirst();
    }

    private static void select(JTableFixture table, Predicate<Map<String, String>> which) {
        List<Map<String, String>> rows = shown(table.target());
        int index = IntStream.range(0, rows.size()).filter(i -> which.test(rows.get(i))).findFirst().orElseThrow();
        table.selectRows(index);
    }
}
