package xtremweb.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopLevelOptionsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        ClientMain main = new ClientMain(config -> {
            throw new AssertionError("these commands need no server");
        }, Optional::empty);
        return ClientMain.commandLine(main, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void versionNamesTheClientAndItsJava() {
        assertThat(run("xwversion")).isZero();
        assertThat(out.toString()).startsWith("XtremWeb client ").contains("Java " + Runtime.version().feature());
    }

    @Test
    void guiReachedWithoutTheScriptNamesTheScriptThatStartsIt() {
        assertThat(run("--xwgui")).isEqualTo(ExitCodes.FAILURE);
        assertThat(err.toString()).contains("bin/xwgui");
    }

    @Test
    void aBashCompletionScriptIsGeneratedForEveryCommand() {
        assertThat(run("generate-completion")).isZero();
        assertThat(out.toString()).contains("xtremweb.client").contains("xwsendwork").contains("xwresult").contains("complete");
    }

    @Test
    void everyCommandHasItsOwnUsage() {
        for (String command : new String[] {"xwsendapp", "xwsenddata", "xwapps", "xwsendwork", "xwworks", "xwresult",
                "xwrm", "xwping", "xwmacro", "xwversion"}) {
            out.getBuffer().setLength(0);
            assertThat(run(command, "--help")).as(command).isZero();
            assertThat(out.toString()).as(command).startsWith("Usage: xtremweb.client " + command);
        }
    }

    @Test
    void noverboseIsAcceptedForOldScripts() {
        assertThat(run("--xwnoverbose", "xwversion")).isZero();
    }

    @Test
    void clientLoopDelayRefusesNegativeAndNonNumbersAsUsageErrors() {
        assertThat(run("xwworks", "--xwclientloopdelay", "-5")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--xwclientloopdelay must be zero or more milliseconds, not -5");
        err.getBuffer().setLength(0);
        assertThat(run("xwworks", "--xwclientloopdelay", "soon")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--xwclientloopdelay").contains("soon");
    }

    @Test
    void everyActionOfTheManualAnswersToItsLegacySpelling() {
        for (String legacy : new String[] {"--xwsendwork", "--xwgetworks", "--xwgettasks", "--xwgetapps", "--xwgetdatas",
                "--xwgetusers", "--xwgetusergroups", "--xwremove", "--xwchmod", "--xwresult", "--xwsenddata", "--xwsendapp",
                "--xwsenduser", "--xwsendusergroup", "--xwping", "--xwversion", "--xwmacro", "--xwdownload",
                "--xwactivate", "--xwgetworkers"}) {
            out.getBuffer().setLength(0);
            assertThat(run(legacy, "--help")).as(legacy).isZero();
            assertThat(out.toString()).as(legacy).startsWith("Usage: xtremweb.client ");
        }
    }
}
