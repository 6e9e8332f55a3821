package xtremweb.client;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import xtremweb.client.api.ClientSettings;

/** A warning of the client (an unknown key in its configuration) is one line like its errors, not a log record. */
class WarningsReadLikeTheClientTest {
    @Test
    void aWarningOnStderrStartsWithTheClientsNameAndCarriesNoTimeNorClass() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ConsoleAppender<?> stderr = (ConsoleAppender<?>) root.getAppender("STDERR");
        PatternLayoutEncoder encoder = (PatternLayoutEncoder) stderr.getEncoder();
        LoggingEvent warning = new LoggingEvent(Logger.FQCN, context.getLogger(ClientSettings.class), Level.WARN,
                "key 'logn' in xwrc is not a key of the client and is ignored", null, null);

        String line = new String(encoder.encode(warning), StandardCharsets.UTF_8);

        assertThat(line).isEqualTo("xtremweb.client: key 'logn' in xwrc is not a key of the client and is ignored"
                + System.lineSeparator());
    }
}
