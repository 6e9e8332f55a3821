package xtremweb.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The worker's -V, which its help offers, names the worker and its Java: it printed an empty line. */
class WorkerVersionTest {
    @Test
    void dashVPrintsTheWorkersVersionAndJava() {
        StringWriter out = new StringWriter();
        CommandLine line = new CommandLine(new WorkerMain());
        line.setOut(new PrintWriter(out, true));

        assertThat(line.execute("-V")).isZero();

        assertThat(out.toString()).startsWith("XtremWeb worker ").contains("on Java " + Runtime.version());
    }
}
