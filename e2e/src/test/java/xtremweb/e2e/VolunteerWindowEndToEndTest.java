package xtremweb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.GraphicsEnvironment;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import xtremweb.client.api.ClientSettings;
import xtremweb.client.api.XwClient;
import xtremweb.common.config.XwConfig;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.volunteer.LocalChannel;
import xtremweb.common.wire.WorkSubmit;
import xtremweb.gui.look.Theme;
import xtremweb.gui.prefs.UserPrefs;
import xtremweb.gui.volunteer.LocalWorker;
import xtremweb.gui.volunteer.VolunteerWindow;

/**
 * The volunteer's window ({@code xwgui --xwworker}) on a real worker process of a real grid, driven by
 * AssertJ Swing's robot on the tests' Xvfb display: the verdict shown is the worker's log line's,
 * pausing stops new work within one poll while a work waits, resuming runs it to COMPLETED, and a
 * policy chosen in the window (or refused by the worker) is the worker's. Its own grid: the shared GUI
 * grid's worker would take the work a paused worker must leave.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VolunteerWindowEndToEndTest {
    static Path dir;
    static Deployment grid;
    static Daemon worker;
    static XwClient admin;
    static Robot robot;
    static FrameFixture window;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(!GraphicsEnvironment.isHeadless(), "the GUI tests need an X display: install Xvfb"
                + " (apt-get install xvfb, as .ci/run does); the tests' JVM then runs on a private one");
        dir = Files.createTempDirectory("xw-volunteer-e2e");
        grid = Deployment.create(dir, "h2");
        grid.startServer();
        Path adminConf = grid.adminConfig();
        Command.Result app = grid.client(adminConf, "xwsendapp",
                List.of("apptest", System.getProperty("os.arch"), "linux", ClientGrid.apptest()));
        assertThat(app.exitCode()).as(app.describe()).isZero();
        worker = grid.startWorker("volunteer", 1, grid.credential("worker.login"), grid.credential("worker.password"),
                "activator.period: 1000");
        admin = XwClient.openLoggedIn(ClientSettings.load(Optional.of(adminConf), Deployment.SOURCE_ROOT,
                ClientSettings.PasswordPrompt.none()));

        FailOnThreadViolationRepaintManager.install();
        robot = BasicRobot.robotWithNewAwtHierarchy();
        robot.settings().delayBetweenEvents(20);
        robot.settings().idleTimeout(1_000); // the window ticks elapsed times: the AWT queue is seldom idle
        UserPrefs prefs = new UserPrefs(Preferences.userRoot().node("xtremweb-gui-test/" + UUID.randomUUID()));
        // As bin/xwgui --xwworker --xwconfig finds it: through the worker's own configuration file.
        LocalChannel channel = LocalChannel.of(XwConfig.read(dir.resolve("volunteer.conf"), Deployment.SOURCE_ROOT));
        VolunteerWindow opened = onEdt(() -> {
            Theme.LIGHT.install();
            VolunteerWindow w = new VolunteerWindow(new LocalWorker(channel), prefs);
            w.setSize(900, 560);
            w.start();
            return w;
        });
        window = new FrameFixture(robot, opened);
    }

    @AfterAll
    static void stop() throws Exception {
        if (robot != null) {
            robot.cleanUp();
        }
        if (grid != null) {
            grid.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void theVerdictShownIsTheOneTheWorkerLogged() throws Exception {
        awaiting("the worker waiting for work").until(() -> text("volunteer.state"), "Waiting for work"::equals);
        assertThat(text("volunteer.verdict")).startsWith("Computing allowed since ");
        assertThat(text("volunteer.policy")).isEqualTo("AlwaysActive, from the worker's configuration file");
        assertThat(worker.output()).contains("the activation policy AlwaysActive allows computing now ("
                + text("volunteer.reason") + ")");
        assertThat(text("volunteer.credit")).startsWith("none counted yet");
        assertThat(text("volunteer.completed")).isEqualTo("0 tasks since the worker started");
        assertThat(onEdt(() -> ((xtremweb.gui.table.HintTable) table()).emptyHint())).startsWith("No task runs now.");
        assertThat(withoutTooltip(window.target())).as("buttons without a tooltip").isEmpty();
    }

    @Test
    @Order(2)
    void pausingStopsNewWorkWithinOnePollAndResumingRunsItToCompleted() throws Exception {
        long clicked = System.nanoTime();
        window.button("volunteer.pause").requireText("Pause computing").click();
        awaiting("the worker paused").until(() -> text("volunteer.state"), "Paused"::equals);
        long pausedMillis = (System.nanoTime() - clicked) / 1_000_000;
        System.out.println("volunteer window: pause shown as taken by the worker " + pausedMillis + " ms after the click");
        assertThat(pausedMillis).as("one poll of the worker (1 s), the window reading again").isLessThan(2_500);
        assertThat(worker.output()).contains("the owner paused computing in the volunteer's window");
        awaiting("the window saying so").until(() -> text("volunteer.message"), m -> m.startsWith("Paused: the worker asks for no new work"));

        String uid = admin.works().submit(new WorkSubmit("apptest", List.of("-s", "4", "volunteer"), "volunteer-1", null, null))
                .uid();
        Awaitility.await("the work left alone while paused").during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> !worker.output().contains(" started: work " + uid) && shown().isEmpty());
        assertThat(admin.works().get(uid).status()).isEqualTo(WorkStatus.PENDING);
        // A work request already waiting at the server when the pause came may bring the work: it is given back unstarted.
        System.out.println("volunteer window: the worker about the work while paused: "
                + worker.output().lines().filter(l -> l.contains(uid)).toList());
        assertThat(onEdt(() -> ((xtremweb.gui.table.HintTable) table()).emptyHint())).startsWith("No task runs: computing is paused.");

        window.button("volunteer.pause").requireText("Resume computing");
        window.pressAndReleaseKeys(java.awt.event.KeyEvent.VK_F9);
        awaiting("the task on the window").until(() -> shown().stream().anyMatch(r -> r.get("Work UID").equals(uid)));
        Map<String, String> row = shown().get(0);
        assertThat(row).containsEntry("State", "RUNNING").containsEntry("App", "apptest");
        assertThat(row.get("Elapsed")).matches("0:00:0\\d");
        awaiting("the state computing").until(() -> text("volunteer.state"), "Computing"::equals);
        awaiting("the elapsed time counting").until(() -> shown().stream().anyMatch(r -> r.get("Elapsed").compareTo("0:00:01") >= 0));
        screenshot("volunteer-light");
        assertThat(worker.output()).contains("the owner resumed computing in the volunteer's window");

        awaiting("the work completed").until(() -> admin.works().get(uid).status(), WorkStatus.COMPLETED::equals);
        awaiting("the window back to waiting").until(() -> text("volunteer.state"), "Waiting for work"::equals);
        assertThat(text("volunteer.completed")).isEqualTo("1 task since the worker started");
    }

    @Test
    @Order(3)
    void aPolicyChosenInTheWindowIsTheWorkersAndItsVerdictIsTheLogLines() throws Exception {
        // Three hours from now: whatever the time, outside.
        int hour = (LocalTime.now().getHour() + 3) % 24;
        window.button("volunteer.choosePolicy").click();
        DialogFixture policy = WindowFinder.findDialog("policy").withTimeout(30, TimeUnit.SECONDS).using(robot);
        assertThat(withoutTooltip(policy.target())).as("buttons of the policy dialog without a tooltip").isEmpty();
        policy.radioButton("policy.date").click();
        policy.textBox("policy.dateText").setText("* " + hour);
        policy.button("policy.ok").click();

        awaiting("the verdict of the new policy").until(() -> text("volunteer.verdict"), v -> v.startsWith("Computing not allowed"));
        assertThat(text("volunteer.state")).isEqualTo("Not computing now");
        assertThat(text("volunteer.policy")).isEqualTo("DateActivator(\"* " + hour + "\"), your choice in this window");
        String reason = text("volunteer.reason");
        assertThat(reason).matches("local time \\S+ is not in activator.date \"\\* " + hour + "\"");
        assertThat(worker.output().lines().filter(l -> l.contains("takes the machine back (" + reason + ")"))).hasSize(1);
        theme(Theme.DARK);
        // The colours of the words follow the theme at the next reading of the status.
        awaiting("the dark colours").until(() -> onEdt(() -> window.label("volunteer.verdict").target().getForeground()
                .equals(xtremweb.gui.look.Tone.WAITING.colour())));
        screenshot("volunteer-not-allowed-dark");
        theme(Theme.LIGHT);
    }

    @Test
    @Order(4)
    void aPolicyTheWorkerRefusesIsSaidInItsOwnSentence() throws Exception {
        window.button("volunteer.choosePolicy").click();
        DialogFixture policy = WindowFinder.findDialog("policy").withTimeout(30, TimeUnit.SECONDS).using(robot);
        policy.radioButton("policy.date").click();
        policy.textBox("policy.dateText").setText("Mon-Fri 25");
        policy.button("policy.ok").click();

        JOptionPaneFixture refused = JOptionPaneFinder.findOptionPane().withTimeout(30, TimeUnit.SECONDS).using(robot);
        refused.requireTitle("The worker refused the activation policy");
        // the title says what failed, the message only why (in lines of a readable length)
        assertThat(onEdt(() -> String.valueOf(refused.target().getMessage()).replace('\n', ' ')))
                .doesNotContain("refused the activation policy").contains("The worker keeps the activation policy DateActivator", "'25' is not an hour from 0 to 23");
        refused.okButton().click();
        assertThat(text("volunteer.verdict")).startsWith("Computing not allowed");

        window.button("volunteer.choosePolicy").click();
        DialogFixture back = WindowFinder.findDialog("policy").withTimeout(30, TimeUnit.SECONDS).using(robot);
        back.radioButton("policy.file").click();
        back.button("policy.ok").click();
        awaiting("the file's policy again").until(() -> text("volunteer.policy"),
                "AlwaysActive, from the worker's configuration file"::equals);
        awaiting("computing allowed again").until(() -> text("volunteer.verdict"), v -> v.startsWith("Computing allowed"));
        assertThat(worker.output()).contains("the activation policy AlwaysActive gives the machine back ("
                + text("volunteer.reason") + ")");
    }

    /** Buttons of {@code window} that say nothing when hovered. */
    private static List<String> withoutTooltip(java.awt.Container window) {
        return onEdt(() -> {
            List<String> found = new ArrayList<>();
            List<java.awt.Component> queue = new ArrayList<>(List.of(window));
            while (!queue.isEmpty()) {
                java.awt.Component c = queue.remove(0);
                if (c instanceof javax.swing.AbstractButton b && b.isShowing() && b.getName() != null
                        && b.getName().matches("(volunteer|policy)\\..*")
                        && (b.getToolTipText() == null || b.getToolTipText().isBlank())) {
                    found.add(b.getName());
                }
                if (c instanceof java.awt.Container container) {
                    queue.addAll(List.of(container.getComponents()));
                }
            }
            return found;
        });
    }

    private static void theme(Theme theme) {
        onEdt(() -> {
            theme.switchTo();
            return null;
        });
        robot.waitForIdle();
    }

    private static String text(String label) {
        return onEdt(() -> window.label(label).target().getText());
    }

    private static JTable table() {
        return window.table("volunteer.tasks.table").target();
    }

    private static List<Map<String, String>> shown() {
        JTable table = table();
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

    private static <T> T onEdt(Callable<T> query) {
        return GuiActionRunner.execute(query);
    }

    private static ConditionFactory awaiting(String what) {
        return Awaitility.await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100));
    }

    /** The window as people see it, into xw.screenshots (target/screenshots, or docs/gui to renew the README's). */
    private static void screenshot(String name) throws Exception {
        robot.waitForIdle();
        Path screenshots = Files.createDirectories(Path.of(System.getProperty("xw.screenshots", "target/screenshots")));
        java.awt.Rectangle bounds = onEdt(() -> java.util.Arrays.stream(Window.getWindows()).filter(Window::isShowing)
                .map(Window::getBounds).reduce(java.awt.Rectangle::union).orElseThrow());
        BufferedImage image = new java.awt.Robot().createScreenCapture(bounds);
        ImageIO.write(image, "png", screenshots.resolve(name + ".png").toFile());
    }
}
