package xtremweb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.AWTException;
import java.awt.Component;
import java.awt.Container;
import java.awt.Rectangle;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.swing.AbstractButton;
import javax.swing.JComboBox;
import javax.swing.JFileChooser;
import javax.swing.JOptionPane;
import javax.swing.JScrollBar;
import javax.swing.JSpinner;
import javax.swing.JTabbedPane;
import javax.swing.JTable;
import javax.swing.SwingUtilities;
import javax.swing.text.JTextComponent;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import xtremweb.client.api.XwClient;
import xtremweb.common.model.UserRights;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.UserCreate;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.gui.Gui;
import xtremweb.gui.look.Theme;
import xtremweb.gui.table.HintTable;

/**
 * What a person sees: every button says what it does in a tooltip, every empty table says what to
 * do next, and screenshots of the main views in the light and the dark theme (written to
 * {@code xw.screenshots}: target/screenshots, or docs/gui to renew the README's).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GuiLooksEndToEndTest extends OnTheGuiGrid {
    private static final long HUGE_MIB = 999_999_999L * 1024 * 1024;
    static FrameFixture window;
    static Path screenshots;

    @BeforeAll
    static void open(GuiGrid shared) throws Exception {
        openRobot(shared);
        screenshots = Files.createDirectories(Path.of(System.getProperty("xw.screenshots", "target/screenshots")));
        Gui gui = openGui(Optional.of(shared.admin), Theme.LIGHT);
        window = frame(gui);
        onEdt(() -> {
            window.target().setSize(1120, 660);
            return null;
        });
        aGridAtWork(shared);
    }

    /** Works in every state, data, sessions, groups and a second user, for the pictures. */
    private static void aGridAtWork(GuiGrid shared) throws Exception {
        XwClient admin = shared.client(shared.admin);
        if (admin.admin().users().stream().anyMatch(u -> u.login().equals("bob"))) {
            return;
        }
        admin.admin().createUsergroup("physics");
        admin.admin().createUser(new UserCreate("bob", "bob-password-1", "bob@example.org", UserRights.STANDARD_USER, "physics"));
        String run = admin.sessions().create("run-1").uid();
        String energies = admin.groups().create("energies").uid();
        admin.groups().create("calibration");
        Path dir = Files.createTempDirectory("xw-gui-looks");
        admin.data().upload("matrix.csv", "TEXT", null, null, Files.writeString(dir.resolve("matrix.csv"), "1,2\n3,4\n"));
        admin.data().upload("input.txt", "TEXT", null, null, Files.writeString(dir.resolve("input.txt"), "hello grid\n"));
        String secret = admin.data().upload("secret.txt", "TEXT", null, null,
                Files.writeString(dir.resolve("secret.txt"), "private\n")).uid();
        admin.data().chmod(secret, "0x700");
        admin.works().submit(new WorkSubmit("apptest", List.of("-n", "64", "calibrate"), "calibration", null, null));
        for (int i = 1; i <= 3; i++) {
            admin.works().submit(new WorkSubmit("apptest", List.of("E=" + i * 0.5), "energy-" + i, null, null, null, null, null,
                    null, run, energies));
        }
        admin.works().submit(new WorkSubmit("apptest", List.of("-n", "many"), "bad-arguments", null, null));
        // A public job may not read private data: the worker ends it in ERROR, saying so.
        admin.works().submit(new WorkSubmit("apptest", List.of("secret"), "private-input", secret, null));
        for (int i = 4; i <= 5; i++) {
            admin.works().submit(new WorkSubmit("apptest", List.of("E=" + i * 0.5), "energy-" + i, null, null, HUGE_MIB, null,
                    null, null, run, energies));
        }
        awaiting("the quick works done").atMost(Duration.ofMinutes(4)).until(() -> admin.works().list(Optional.empty())
                .stream().filter(w -> w.status() == WorkStatus.COMPLETED || w.status() == WorkStatus.ERROR).count() >= 6);
        admin.works().submit(new WorkSubmit("apptest", List.of("-s", "600", "long run"), "long-run", null, null));
        awaiting("the long work running").atMost(Duration.ofMinutes(2)).until(() -> admin.works().list(
                Optional.of(WorkStatus.RUNNING)).size() == 1);
    }

    @Test
    @Order(1)
    void theLoginDialogAndTheMainViewsLightAndDark() throws Exception {
        DialogFixture login = loginDialog();
        screenshot("login-light");
        logInAsPrefilled(window, grid.credential("admin.login"));
        JTable works = window.table("works.table").target();
        awaiting("the works listed").until(() -> shown(works).size() >= 8 && shown(works).stream()
                .anyMatch(r -> r.get("Status").equals("RUNNING")));
        onEdt(() -> {
            works.setRowSelectionInterval(1, 1);
            return null;
        });
        screenshot("works-light");
        theme("Dark");
        screenshot("works-dark");
        theme("Light");

        window.button("works.Submit").click();
        DialogFixture submit = dialog("submit");
        awaiting("the apps one may run").until(() -> List.of(submit.comboBox("submit.app").contents()).stream()
                .anyMatch(item -> item.startsWith("apptest")));
        submit.comboBox("submit.app").selectItem(Pattern.compile("apptest.*"));
        submit.textBox("submit.label").setText("energy-scan");
        submit.textBox("submit.args").setText("-n 4 \"step 0.5\"");
        submit.comboBox("submit.session").selectItem("run-1");
        screenshot("submit-light");
        Path params = Files.write(Files.createTempDirectory("xw-gui-sweep").resolve("energies.txt"),
                java.util.stream.IntStream.rangeClosed(1, 40).mapToObj(i -> "E=" + i * 0.25 + " \"run " + i + "\"").toList());
        submit.checkBox("submit.sweep").check();
        submit.button("submit.sweepBrowse").click();
        var chooser = org.assertj.swing.finder.JFileChooserFinder.findFileChooser("chooser.sweeps")
                .withTimeout(30, TimeUnit.SECONDS).using(robot);
        chooser.setCurrentDirectory(params.getParent().toFile());
        chooser.selectFile(params.toFile());
        chooser.approve();
        awaiting("the preview").until(() -> onEdt(() -> submit.table("submit.preview").target().getRowCount()) == 40);
        // A modal dialog holds the menus: the theme is switched as the menu would.
        onEdt(() -> {
            Theme.DARK.switchTo();
            return null;
        });
        screenshot("submit-sweep-dark");
        onEdt(() -> {
            Theme.LIGHT.switchTo();
            return null;
        });
        submit.button("submit.cancel").click();

        selectLabel(works, "energy-1");
        window.button("works.Details").click();
        DialogFixture details = WindowFinder.findDialog("details").withTimeout(30, TimeUnit.SECONDS).using(robot);
        awaiting("the tasks of the work").until(() -> onEdt(() -> details.table("details.tasks").target().getRowCount()) > 0);
        screenshot("details-light");
        details.button("details.close").click();

        for (String tab : List.of("Apps", "Data", "Workers", "Tasks", "Administration")) {
            window.tabbedPane("tabs").selectTab(tab);
            String name = tab.toLowerCase(java.util.Locale.ROOT);
            JTable table = window.table((name.equals("administration") ? "users" : name) + ".table").target();
            awaiting("the " + tab + " listed").until(() -> !shown(table).isEmpty());
            screenshot(name + "-light");
            if (tab.equals("Workers") || tab.equals("Tasks")) {
                theme("Dark");
                screenshot(name + "-dark");
                theme("Light");
            }
        }
        assertThat(Files.list(screenshots).filter(p -> p.toString().endsWith(".png")).count()).isGreaterThanOrEqualTo(12);
    }

    @Test
    @Order(2)
    void everyButtonHasATooltip() {
        List<String> without = new ArrayList<>();
        for (String tab : List.of("Works", "Apps", "Data", "Sessions", "Groups", "Workers", "Tasks", "Administration")) {
            window.tabbedPane("tabs").selectTab(tab);
            without.addAll(buttonsWithoutTooltip(window.target(), tab));
        }
        window.tabbedPane("tabs").selectTab("Works");
        window.button("works.Submit").click();
        DialogFixture submit = dialog("submit");
        without.addAll(buttonsWithoutTooltip(submit.target(), "submit"));
        submit.button("submit.cancel").click();
        window.tabbedPane("tabs").selectTab("Apps");
        window.button("apps.Insertapp").click();
        DialogFixture insert = dialog("insertApp");
        without.addAll(buttonsWithoutTooltip(insert.target(), "insert app"));
        insert.button("insertApp.cancel").click();
        window.tabbedPane("tabs").selectTab("Administration");
        window.button("users.Newuser").click();
        DialogFixture user = dialog("newUser");
        without.addAll(buttonsWithoutTooltip(user.target(), "new user"));
        user.button("newUser.cancel").click();
        window.menuItemWithPath("File", "Log in as...").click();
        DialogFixture login = loginDialog();
        without.addAll(buttonsWithoutTooltip(login.target(), "login"));
        login.button("login.cancel").click();
        assertThat(without).as("buttons without a tooltip").isEmpty();
    }

    @Test
    @Order(3)
    void everyEmptyTableSaysWhatToDoNext() throws Exception {
        Path dave = grid.config("dave", "dave", "dave-password-1");
        grid.client(grid.admin).admin().createUser(new UserCreate("dave", "dave-password-1", null, UserRights.STANDARD_USER, null));
        window.menuItemWithPath("File", "Log in as...").click();
        DialogFixture login = loginDialog();
        login.textBox("login.login").setText("dave");
        login.textBox("login.password").setText("dave-password-1");
        logInAsPrefilled(window, "dave");
        List<String> checked = new ArrayList<>();
        for (String tab : List.of("Works", "Apps", "Data", "Sessions", "Groups", "Workers", "Tasks")) {
            window.tabbedPane("tabs").selectTab(tab);
            HintTable table = (HintTable) window.table(tab.toLowerCase(java.util.Locale.ROOT) + ".table").target();
            awaiting(tab + " loaded").until(() -> !onEdt(table::emptyHint).startsWith("Loading"));
            if (onEdt(table::getRowCount) == 0) {
                String hint = onEdt(table::emptyHint);
                assertThat(hint).as(tab).isNotBlank().hasSizeGreaterThan(30).doesNotStartWith("Loading");
                checked.add(tab);
            }
        }
        assertThat(checked).contains("Works", "Sessions", "Groups", "Workers", "Tasks");
        assertThat(dave).exists();
        screenshot("empty-works-light");
    }

    private static void theme(String name) {
        window.menuItemWithPath("View", "Theme", name).click();
        robot.waitForIdle();
    }

    private static void selectLabel(JTable table, String label) {
        List<java.util.Map<String, String>> rows = shown(table);
        for (int i = 0; i < rows.size(); i++) {
            if (label.equals(rows.get(i).get("Label"))) {
                int row = i;
                onEdt(() -> {
                    table.setRowSelectionInterval(row, row);
                    return null;
                });
                return;
            }
        }
        throw new AssertionError("no row labelled " + label);
    }

    /** The screen where the main window is (dialogs over it included), as people see it. */
    private static void screenshot(String name) throws IOException, AWTException {
        robot.waitForIdle();
        // The main window and whatever dialog stands over it.
        List<Rectangle> windows = onEdt(() -> java.util.Arrays.stream(Window.getWindows()).filter(Window::isShowing)
                .map(Window::getBounds).toList());
        Rectangle bounds = windows.stream().reduce(Rectangle::union).orElseThrow();
        BufferedImage screen = new java.awt.Robot().createScreenCapture(bounds);
        // Where a dialog reaches past the main window, the bare display shows (black): left transparent.
        BufferedImage image = new BufferedImage(bounds.width, bounds.height, BufferedImage.TYPE_INT_ARGB);
        java.awt.Graphics2D g = image.createGraphics();
        for (Rectangle window : windows) {
            g.setClip(window.x - bounds.x, window.y - bounds.y, window.width, window.height);
            g.drawImage(screen, 0, 0, null);
        }
        g.dispose();
        ImageIO.write(image, "png", screenshots.resolve(name + ".png").toFile());
    }

    /** Buttons people click that say nothing when hovered (the insides of combos, scroll bars, fields and option panes aside). */
    private static List<String> buttonsWithoutTooltip(Window window, String where) {
        return onEdt(() -> {
            List<String> found = new ArrayList<>();
            collect(window, where, found);
            return found;
        });
    }

    private static void collect(Component component, String where, List<String> found) {
        if (component instanceof AbstractButton button && button.isShowing() && !standard(button)
                && (button.getToolTipText() == null || button.getToolTipText().isBlank())) {
            found.add(where + ": " + (button.getName() != null ? button.getName() : button.getText()));
        }
        if (component instanceof Container container) {
            for (Component child : container.getComponents()) {
                collect(child, where, found);
            }
        }
    }

    private static boolean standard(AbstractButton button) {
        // The title bar's minimise, maximise and close buttons are the window's, as on every window.
        for (Container parent = button.getParent(); parent != null; parent = parent.getParent()) {
            if (parent.getClass().getSimpleName().contains("TitlePane")) {
                return true;
            }
        }
        for (Class<?> inside : List.of(JComboBox.class, JScrollBar.class, JSpinner.class, JTextComponent.class,
                JOptionPane.class, JFileChooser.class, JTabbedPane.class)) {
            if (SwingUtilities.getAncestorOfClass(inside, button) != null) {
                return true;
            }
        }
        return false;
    }
}
