package xtremweb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Rectangle;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.swing.JTable;
import org.assertj.swing.finder.JFileChooserFinder;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.fixture.JFileChooserFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.client.api.XwClient;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.gui.Gui;
import xtremweb.gui.look.Theme;

/**
 * The GUI in a small window (640 pixels wide, as on a small laptop screen or half of one): the status
 * and the UID of every row stay readable, and what the user just added is the row selected.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GuiNarrowWindowEndToEndTest extends OnTheGuiGrid {
    @TempDir
    static Path tmp;
    static FrameFixture window;
    static XwClient admin;
    static Gui gui;

    @BeforeAll
    static void open(GuiGrid shared) {
        openRobot(shared);
        admin = shared.client(shared.admin);
        String done = admin.works().submit(new WorkSubmit("apptest", List.of("narrow"), "a-rather-long-label-for-a-narrow-window",
                null, null)).uid();
        awaiting("a work done, so that every tab has a row").atMost(Duration.ofMinutes(4))
                .until(() -> admin.works().get(done).status() == WorkStatus.COMPLETED);
        gui = openGui(Optional.of(shared.admin), Theme.LIGHT);
        window = frame(gui);
        onEdt(() -> {
            window.target().setSize(640, 520);
            return null;
        });
        logInAsPrefilled(window, shared.credential("admin.login"));
    }

    @Test
    @Order(1)
    void atSixHundredFortyPixelsTheStatusAndTheUidOfEveryRowAreWhole() throws Exception {
        List<String> cut = new ArrayList<>();
        for (String tab : List.of("Works", "Apps", "Data", "Workers", "Tasks", "Administration")) {
            window.tabbedPane("tabs").selectTab(tab);
            String name = tab.equals("Administration") ? "users" : tab.toLowerCase(java.util.Locale.ROOT);
            JTable table = window.table(name + ".table").target();
            awaiting("the " + tab + " listed").until(() -> !shown(table).isEmpty());
            robot.waitForIdle();
            for (String column : List.of("Status", "Alive", "Enabled", "Rights", "UID", "Work UID", "Task UID")) {
                cut.addAll(cutCells(table, tab, column));
            }
            screenshot("narrow-" + name);
        }
        assertThat(cut).as("cells cut to '...'").isEmpty();
    }

    @Test
    @Order(2)
    void uploadedDataIsTheRowSelected() throws Exception {
        Path file = Files.writeString(tmp.resolve("narrow-input.txt"), "hello\n");
        window.tabbedPane("tabs").selectTab("Data");
        window.button("data.Insertfiles").click();
        JFileChooserFixture chooser = JFileChooserFinder.findFileChooser().withTimeout(30, TimeUnit.SECONDS).using(robot);
        chooser.setCurrentDirectory(tmp.toFile());
        chooser.selectFile(file.toFile());
        chooser.approve();
        JTable data = window.table("data.table").target();
        awaiting("the uploaded data selected").until(() -> selectedNames(data, "Name"), List.of("narrow-input.txt")::equals);
    }

    @Test
    @Order(3)
    void anInsertedAppIsTheRowSelected() {
        window.tabbedPane("tabs").selectTab("Apps");
        JTable apps = window.table("apps.table").target();
        window.table("apps.table").selectRows(0);
        window.button("apps.Insertapp").click();
        DialogFixture insert = dialog("insertApp");
        insert.textBox("insertApp.name").setText("narrow-app");
        insert.button("insertApp.add").click();
        Path binary = Path.of(ClientGrid.apptest());
        JFileChooserFixture chooser = JFileChooserFinder.findFileChooser("chooser.binaries")
                .withTimeout(30, TimeUnit.SECONDS).using(robot);
        chooser.setCurrentDirectory(binary.getParent().toFile());
        chooser.selectFile(binary.toFile());
        chooser.approve();
        insert.button("insertApp.ok").click();
        awaiting("the inserted app selected").until(() -> selectedNames(apps, "Name"), List.of("narrow-app")::equals);
    }

    @Test
    @Order(4)
    void aThousandWorksRefreshKeepingTheSelectionAndTheScrollPosition() throws Exception {
        String big = admin.sessions().create("narrow-thousand").uid();
        // No worker has this much memory: the works stay PENDING, and go with their session.
        WorkSubmit common = new WorkSubmit("apptest", List.of(), "many", null, null, 999_999_999_999L, null, null, null, big, null);
        admin.works().submitBatch(common, java.util.stream.IntStream.rangeClosed(1, 1000)
                .mapToObj(i -> new xtremweb.common.wire.WorkBatch.Job(List.of(String.valueOf(i)), "many-" + i)).toList());
        try {
            onEdt(() -> {
                window.target().setSize(1000, 640);
                return null;
            });
            window.tabbedPane("tabs").selectTab("Works");
            JTable works = window.table("works.table").target();
            awaiting("a thousand works and more").until(() -> {
                window.pressAndReleaseKeys(java.awt.event.KeyEvent.VK_F5);
                return onEdt(works::getRowCount) > 1000;
            });
            int row = 600;
            String uid = shown(works).get(row).get("UID");
            onEdt(() -> {
                works.setRowSelectionInterval(row, row);
                works.scrollRectToVisible(works.getCellRect(row, 0, true));
                return null;
            });
            robot.waitForIdle();
            java.awt.Point before = onEdt(() -> ((javax.swing.JViewport) works.getParent()).getViewPosition());
            assertThat(before.y).as("scrolled down").isPositive();
            for (int refresh = 0; refresh < 2; refresh++) {
                window.pressAndReleaseKeys(java.awt.event.KeyEvent.VK_F5);
                awaiting("the refresh done").until(() -> onEdt(() -> window.target().getTitle() != null)
                        && gui.window().background().idle());
            }
            robot.waitForIdle();
            assertThat(selectedNames(works, "UID")).containsExactly(uid);
            assertThat(onEdt(() -> ((javax.swing.JViewport) works.getParent()).getViewPosition())).isEqualTo(before);
            screenshot("thousand-works");
        } finally {
            admin.sessions().delete(big);
        }
    }

    @Test
    @Order(5)
    void theServerRestartingWhileTheWindowIsOpenIsSaidQuietlyAndForgottenOnceItIsBack() throws Exception {
        window.tabbedPane("tabs").selectTab("Works");
        grid.deployment.server().kill();
        try {
            awaiting("the status bar to say the server is away").until(() -> statusText(window, "status.message"),
                    m -> m.startsWith("Cannot refresh the works"));
            screenshot("server-away");
            assertNoErrorDialog();
        } finally {
            grid.deployment.restartServer();
        }
        awaiting("the warning gone once the server answers").until(() -> statusText(window, "status.message").isBlank());
        assertNoErrorDialog();
        JTable works = window.table("works.table").target();
        assertThat(shown(works)).isNotEmpty();
    }

    @Test
    @Order(6)
    void afterAClickOnTheTabsTitleCtrlNSubmitsAWorkWithArgumentsStdinAndEnvironmentFromTheKeyboard() throws Exception {
        Path stdin = Files.writeString(tmp.resolve("keyboard-stdin.txt"), "typed input\n");
        Path env = Files.createDirectories(tmp.resolve("keyboard-env"));
        Files.writeString(env.resolve("params.txt"), "E=1\n");
        window.tabbedPane("tabs").selectTab("Works");
        JTable works = window.table("works.table").target();
        awaiting("the works listed").until(() -> !shown(works).isEmpty());
        List<String> trail = new ArrayList<>();
        // A click on the tab's title, as people do before a shortcut: the focus is then outside the tab
        // (on the window itself), where the tab's Ctrl+N did nothing.
        window.tabbedPane("tabs").selectTab("Works");
        robot.waitForIdle();
        trail.add("before Ctrl+N: " + focusOwner());
        Path shots = Files.createDirectories(Path.of(System.getProperty("xw.screenshots", "target/screenshots")));
        Files.writeString(shots.resolve("tab-order.txt"), trail.get(0));
        int shortcut = java.awt.Toolkit.getDefaultToolkit().getMenuShortcutKeyMaskEx() == java.awt.event.InputEvent.META_DOWN_MASK
                ? java.awt.event.KeyEvent.VK_META : java.awt.event.KeyEvent.VK_CONTROL;
        robot.pressKey(shortcut);
        robot.pressAndReleaseKeys(java.awt.event.KeyEvent.VK_N);
        robot.releaseKey(shortcut);
        DialogFixture submit = dialog("submit");
        awaiting("the apps one may run").until(() -> List.of(submit.comboBox("submit.app").contents()).stream()
                .anyMatch(item -> item.startsWith("apptest")));
        for (int i = 0; i < 14; i++) {
            trail.add(focusOwner());
            robot.pressAndReleaseKeys(java.awt.event.KeyEvent.VK_TAB);
            robot.waitForIdle();
        }
        Files.writeString(shots.resolve("tab-order.txt"), String.join("\n", trail));
        assertThat(trail.subList(1, 5)).as("Tab goes down the form").containsExactly("submit.app", "submit.label", "submit.args",
                "submit.stdin");
        submit.comboBox("submit.app").selectItem(java.util.regex.Pattern.compile("apptest.*"));
        submit.textBox("submit.label").focus();
        submit.textBox("submit.label").enterText("keyboard");
        submit.textBox("submit.args").focus();
        submit.textBox("submit.args").enterText("-n 1 'two words'");
        submit.textBox("submit.stdin").focus();
        submit.textBox("submit.stdin").enterText(stdin.toString());
        submit.textBox("submit.env").focus();
        submit.textBox("submit.env").enterText(env.toString());
        screenshot("submit-keyboard");
        submit.textBox("submit.args").focus();
        robot.pressAndReleaseKeys(java.awt.event.KeyEvent.VK_ENTER);
        awaiting("the submission").until(() -> statusText(window, "status.message").startsWith("Submitted work "));
        String uid = statusText(window, "status.message").substring("Submitted work ".length());
        xtremweb.common.wire.WorkView work = admin.works().get(uid);
        assertThat(work.args()).containsExactly("-n", "1", "two words");
        assertThat(work.stdinDataUid()).isNotNull();
        assertThat(work.envDataUid()).isNotNull();
        awaiting("the work COMPLETED").atMost(Duration.ofMinutes(4)).until(() -> admin.works().get(uid).status()
                == WorkStatus.COMPLETED);
    }

    private static String focusOwner() {
        return onEdt(() -> {
            java.awt.Component c = java.awt.KeyboardFocusManager.getCurrentKeyboardFocusManager().getFocusOwner();
            return c == null ? "none" : c.getName() != null ? c.getName() : c.getClass().getSimpleName()
                    + (c instanceof javax.swing.AbstractButton b ? "[" + b.getText() + "]" : "");
        });
    }

    /** The cells of {@code column} whose text is wider than the column shows ("..."). */
    private static List<String> cutCells(JTable table, String tab, String column) {
        return onEdt(() -> {
            List<String> cut = new ArrayList<>();
            int index;
            try {
                index = table.getColumnModel().getColumnIndex(column);
            } catch (IllegalArgumentException none) {
                return cut;
            }
            int width = table.getColumnModel().getColumn(index).getWidth();
            for (int row = 0; row < table.getRowCount(); row++) {
                int needed = table.prepareRenderer(table.getCellRenderer(row, index), row, index).getPreferredSize().width;
                if (needed > width) {
                    cut.add(tab + "/" + column + " row " + row + ": " + needed + " > " + width + " pixels");
                }
            }
            return cut;
        });
    }

    private static List<String> selectedNames(JTable table, String column) {
        List<Map<String, String>> rows = shown(table);
        return onEdt(() -> java.util.Arrays.stream(table.getSelectedRows()).mapToObj(i -> rows.get(i).get(column)).toList());
    }

    /** The window (and any dialog over it) as people see it, to xw.screenshots. */
    static void screenshot(String name) throws Exception {
        robot.waitForIdle();
        Path dir = Files.createDirectories(Path.of(System.getProperty("xw.screenshots", "target/screenshots")));
        Rectangle bounds = onEdt(() -> java.util.Arrays.stream(Window.getWindows()).filter(Window::isShowing)
                .map(Window::getBounds).reduce(Rectangle::union).orElseThrow());
        BufferedImage image = new java.awt.Robot().createScreenCapture(bounds);
        ImageIO.write(image, "png", dir.resolve(name + ".png").toFile());
    }
}
