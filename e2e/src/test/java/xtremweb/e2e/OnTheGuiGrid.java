package xtremweb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javax.swing.JLabel;
import javax.swing.JTable;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.FailOnThreadViolationRepaintManager;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.finder.JOptionPaneFinder;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.fixture.JOptionPaneFixture;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import xtremweb.gui.Gui;
import xtremweb.gui.look.Theme;
import xtremweb.gui.prefs.UserPrefs;

/**
 * GUI test classes: the real GUI in this JVM (on the Xvfb display of src/test/xvfb/bin/java), driven by
 * AssertJ Swing's robot as a person would (clicks, typing, keys), against the shared {@link GuiGrid}.
 * Every Swing access of the tests goes through the event thread, and so must the GUI's own: a
 * component touched from another thread fails the test.
 */
@ExtendWith(GuiGrid.Extension.class)
abstract class OnTheGuiGrid {
    static GuiGrid grid;
    static Robot robot;
    private static Preferences prefsNode;

    static void openRobot(GuiGrid shared) {
        assumeTrue(!GraphicsEnvironment.isHeadless(), "the GUI tests need an X display: install Xvfb"
                + " (apt-get install xvfb, as .ci/run does); the tests' JVM then runs on a private one");
        grid = shared;
        FailOnThreadViolationRepaintManager.install();
        robot = BasicRobot.robotWithNewAwtHierarchy();
        robot.settings().delayBetweenEvents(20);
        robot.settings().timeoutToBeVisible(30_000);
        // The window refreshes its tables every few seconds and ticks elapsed times, so the AWT queue
        // is seldom empty: waiting for it to idle up to AssertJ's default 10 s after each action and
        // screenshot cost the GUI tests minutes. The tests wait for what they check (awaiting(...)).
        robot.settings().idleTimeout(1_000);
        prefsNode = Preferences.userRoot().node("xtremweb-gui-test/" + UUID.randomUUID());
    }

    /** The windows go; the preferences stay in target/prefs (java.util.prefs.userRoot in e2e/pom.xml). */
    @AfterAll
    static void closeRobot() {
        if (robot != null) {
            robot.cleanUp();
            robot = null;
        }
    }

    /** A GUI whose login dialog is prefilled from {@code config}, shown with its login dialog open. */
    static Gui openGui(Optional<Path> config, Theme theme) {
        UserPrefs prefs = new UserPrefs(prefsNode);
        Gui gui = onEdt(() -> {
            theme.install();
            return new Gui(prefs, config);
        });
        GuiActionRunner.execute(gui::start);
        return gui;
    }

    static FrameFixture frame(Gui gui) {
        return new FrameFixture(robot, gui.window());
    }

    static DialogFixture loginDialog() {
        return WindowFinder.findDialog("login").withTimeout(30, TimeUnit.SECONDS).using(robot);
    }

    static DialogFixture dialog(String name) {
        return WindowFinder.findDialog(name).withTimeout(30, TimeUnit.SECONDS).using(robot);
    }

    static JOptionPaneFixture optionPane() {
        return JOptionPaneFinder.findOptionPane().withTimeout(60, TimeUnit.SECONDS).using(robot);
    }

    /** Logs in with the prefilled values; returns once the title says who is logged in. */
    static void logInAsPrefilled(FrameFixture window, String login) {
        loginDialog().button("login.ok").click();
        awaiting("the title to name " + login).until(() -> onEdt(() -> window.target().getTitle()).contains(login + "@"));
    }

    static <T> T onEdt(Callable<T> query) {
        return GuiActionRunner.execute(query);
    }

    static ConditionFactory awaiting(String what) {
        return Awaitility.await(what).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250));
    }

    /** What a table shows, row by row (header to cell text), in the order shown. */
    static List<Map<String, String>> shown(JTable table) {
        return onEdt(() -> {
            List<Map<String, String>> rows = new ArrayList<>();
            for (int row = 0; row < table.getRowCount(); row++) {
                Map<String, String> cells = new LinkedHashMap<>();
                for (int column = 0; column < table.getColumnCount(); column++) {
                    Object value = table.getValueAt(row, column);
                    cells.put(table.getColumnName(column), value == null ? "" : value.toString());
                }
                rows.add(cells);
            }
            return rows;
        });
    }

    static String statusText(FrameFixture window, String name) {
        return onEdt(() -> ((JLabel) robot.finder().findByName(window.target(), name, JLabel.class, false)).getText());
    }

    static void assertNoErrorDialog() {
        assertThat(onEdt(() -> java.util.Arrays.stream(java.awt.Window.getWindows())
                .filter(w -> w.isShowing() && w instanceof javax.swing.JDialog d && d.getContentPane().getComponentCount() > 0
                        && d.getContentPane().getComponent(0) instanceof javax.swing.JOptionPane)
                .map(w -> ((javax.swing.JDialog) w).getTitle()).toList())).as("dialogs open").isEmpty();
    }
}
