package xtremweb.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The server's text log (logback.xml, as the server runs it) is one line per event, whatever the
 * event quotes: a worker's error reason may hold line breaks, and a volunteer's worker is not
 * trusted to write lines of its own into the administrator's log.
 */
class TextLogLinesTest {
    @Test
    void aReasonWithLineBreaksStaysOnTheLineOfItsEvent() {
        String forged = "disk full\n2026-12-05 23:59:59.000 INFO  x.s.s.Scheduler - work 0 given to host 0\r\nthe end";
        String line = encode("host {} benched until {}: the last: {}", "h1", "later", forged);

        assertThat(line).endsWith("\n");
        assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n").doesNotContain("\r");
        // Nothing is lost: the breaks are shown as \n, so the reason still reads as the worker sent it.
        assertThat(line).contains("the last: disk full\\n2026-12-05 23:59:59.000 INFO  x.s.s.Scheduler - work 0 given to host 0\\r\\nthe end");
    }

    @Test
    void anOrdinaryLineIsUnchanged() {
        assertThat(encode("work {} given to host {}", "w1", "h1")).endsWith(" - work w1 given to host h1\n");
    }

    private static String encode(String format, Object... args) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        @SuppressWarnings("unchecked")
        OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> console =
                (OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent>) root.getAppender("CONSOLE");
        assertThat(console).as("the CONSOLE appender of the server's logback.xml").isNotNull();
        Encoder<ch.qos.logback.classic.spi.ILoggingEvent> encoder = console.getEncoder();
        // The event takes this thread's MDC, which a test run before in the same JVM may have left
        // (a service called outside a request): the lines compared here are about the message.
        org.slf4j.MDC.clear();
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), context.getLogger("xtremweb.server.task.TaskOutcomes"),
                Level.WARN, format, null, args);
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }
}
