package xtremweb.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An administrator reading "ACTIVE yes" for a volunteer's machine that computes nothing must learn
 * from the help that the owner's activation policy may keep an active host idle.
 */
class WorkersHelpTest {
    @Test
    void theHelpSaysWhatActiveAndEnabledMean() {
        StringWriter out = new StringWriter();
        ClientMain.Connector none = config -> {
            throw new AssertionError("--help must not log in");
        };

        int exit = ClientMain.commandLine(new ClientMain(none, Optional::empty), new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true)).execute("xwworkers", "--help");

        assertThat(exit).isZero();
        String help = out.toString().replaceAll("\\s+", " ");
        assertThat(help).contains("ACTIVE: its worker runs and called the server lately")
                .contains("activation policy decides when").contains("ENABLED: the administrator's switch (xwactivate)");
    }
}
