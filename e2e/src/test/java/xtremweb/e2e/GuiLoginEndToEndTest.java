package xtremweb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.swing.JTabbedPane;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.fixture.JOptionPaneFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.gui.Gui;
import xtremweb.gui.look.Theme;
import xtremweb.gui.table.HintTable;

/**
 * Logging in through the GUI's "Log in as..." dialog, prefilled from the client configuration: each
 * of the three ways it fails has its own dialog with the command line's sentence; then an
 * administrator creates a user in the Administration tab, who logs in and has no such tab.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GuiLoginEndToEndTest extends OnTheGuiGrid {
    @TempDir
    static Path tmp;
    static FrameFixture window;

    @BeforeAll
    static void open(GuiGrid shared) {
        openRobot(shared);
        Gui gui = openGui(Optional.of(shared.admin), Theme.LIGHT);
        window = frame(gui);
    }

    @Test
    @Order(1)
    void theDialogIsPrefilledFromTheClientConfiguration() {
        DialogFixture login = loginDialog();
        login.textBox("login.server").requireText("localhost:" + grid.deployment.port());
        login.textBox("login.login").requireText(grid.credential("admin.login"));
        login.textBox("login.certFile").requireText(grid.credential("server.certificate"));
        assertThat(window.target().getTitle()).isEqualTo("XtremWeb - not connected");
    }

    @Test
    @Order(2)
    void aServerThatDoesNotAnswerHasItsOwnDialogWithTheCommandLinesSentence() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        DialogFixture login = loginDialog();
        login.textBox("login.server").setText("127.0.0.1:" + closed);
        login.button("login.ok").click();
        JOptionPaneFixture failure = optionPane();
        failure.requireTitle("The server does not answer").requireErrorMessage();
        // Typed in the dialog: the fix is named there, not as keys of a configuration file.
        assertThat(message(failure)).contains("nothing answers at 127.0.0.1:" + closed, "fix the server in the Log in dialog")
                .doesNotContain("dispatcher.servers", "Exception", "\tat ");
        failure.okButton().click();
    }

    @Test
    @Order(3)
    void aServerWithAnotherCertificateHasItsOwnDialog() throws Exception {
        Path other = Deployment.selfSignedCertificate(tmp);
        DialogFixture login = loginDialog();
        login.textBox("login.server").setText("localhost:" + grid.deployment.port());
        login.textBox("login.certFile").setText(other.toString());
        login.button("login.ok").click();
        JOptionPaneFixture failure = optionPane();
        failure.requireTitle("Wrong server certificate").requireErrorMessage();
        assertThat(message(failure)).contains("does not have the certificate pinned in the Log in dialog", other.toString(),
                "choose the server's xwserver.pem").doesNotContain("path.certfile");
        failure.okButton().click();
    }

    @Test
    @Order(4)
    void aWrongPasswordHasItsOwnDialog() {
        DialogFixture login = loginDialog();
        login.textBox("login.certFile").setText(grid.credential("server.certificate"));
        login.textBox("login.password").setText("not-the-password");
        login.button("login.ok").click();
        JOptionPaneFixture failure = optionPane();
        failure.requireTitle("Login refused").requireErrorMessage();
        assertThat(message(failure)).isEqualTo("login refused for '" + grid.credential("admin.login")
                + "': wrong login or password");
        failure.okButton().click();
        assertThat(window.target().getTitle()).isEqualTo("XtremWeb - not connected");
    }

    @Test
    @Order(5)
    void theRightPasswordOpensTheTabsAndTheTitleSaysWhoIsLoggedInWhere() {
        DialogFixture login = loginDialog();
        login.textBox("login.password").setText(grid.credential("admin.password"));
        logInAsPrefilled(window, grid.credential("admin.login"));
        assertThat(window.target().getTitle())
                .isEqualTo("XtremWeb - " + grid.credential("admin.login") + "@localhost:" + grid.deployment.port());
        assertThat(tabs()).containsExactly("Works", "Apps", "Data", "Sessions", "Groups", "Workers", "Tasks", "Administration");
    }

    @Test
    @Order(6)
    void anAdministratorCreatesAUserWhoLogsInAndSeesNoAdministrationTab() {
        window.tabbedPane("tabs").selectTab("Administration");
        window.button("users.Newuser").click();
        DialogFixture create = dialog("newUser");
        create.textBox("newUser.login").setText("carol");
        create.textBox("newUser.email").setText("carol@example.org");
        create.comboBox("newUser.rights").selectItem("STANDARD_USER");
        create.textBox("newUser.password").setText("carol-password-1");
        create.textBox("newUser.again").setText("carol-password-2");
        create.button("newUser.ok").click();
        create.label("newUser.problem").requireText("The two passwords differ; type them again.");
        create.textBox("newUser.password").requireText("");
        create.textBox("newUser.password").setText("carol-password-1");
        create.textBox("newUser.again").setText("carol-password-1");
        create.button("newUser.ok").click();
        awaiting("carol in the users table").until(() -> shown(window.table("users.table").target()).stream()
                .anyMatch(row -> row.get("Login").equals("carol") && row.get("Rights").equals("STANDARD_USER")));

        window.menuItemWithPath("File", "Log in as...").click();
        DialogFixture login = loginDialog();
        login.textBox("login.login").setText("carol");
        login.textBox("login.password").setText("carol-password-1");
        logInAsPrefilled(window, "carol");
        assertThat(tabs()).doesNotContain("Administration").contains("Works", "Apps", "Data");
        window.tabbedPane("tabs").selectTab("Works");
        HintTable works = (HintTable) window.table("works.table").target();
        awaiting("carol's empty works table to say what to do").until(() -> onEdt(works::emptyHint).startsWith("No work yet"));
        assertThat(onEdt(works::emptyHint)).contains("Submit");
    }

    @Test
    @Order(7)
    void theClientsXwguiOptionStartsTheGraphicalClientsScript() throws Exception {
        // Without a display the GUI says so in one line: enough to see the script hand over to it.
        Command.Result gui = Command.run(List.of("env", "-u", "DISPLAY", Deployment.script("xtremweb.client").toString(),
                "--xwgui", "--xwconfig", grid.admin.toString(), "--xwformat", "csv"), tmp, null, java.time.Duration.ofMinutes(2));
        assertThat(gui.exitCode()).as(gui.describe()).isEqualTo(1);
        assertThat(gui.stderr().strip()).startsWith("xwgui: there is no display").doesNotContain("\tat ").hasLineCount(1);
        Command.Result help = Command.run(List.of(Deployment.script("xwgui").toString(), "--help"), tmp, null,
                java.time.Duration.ofMinutes(2));
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).contains("--xwconfig FILE", "--xwtheme");
    }

    private static List<String> tabs() {
        return onEdt(() -> {
            JTabbedPane tabs = window.tabbedPane("tabs").target();
            List<String> titles = new ArrayList<>();
            for (int i = 0; i < tabs.getTabCount(); i++) {
                titles.add(tabs.getTitleAt(i));
            }
            return titles;
        });
    }

    private static String message(JOptionPaneFixture pane) {
        return onEdt(() -> String.valueOf(pane.target().getMessage()));
    }
}
