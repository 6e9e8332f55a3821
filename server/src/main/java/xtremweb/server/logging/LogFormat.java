package xtremweb.server.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import java.util.Iterator;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * The format of the server's console log, {@code log.format} in conf/: {@code text} (one line for
 * people, the MDC in braces at the end) or {@code json} (one JSON object per line, for log
 * shippers: logback's JSON encoder, with the MDC as an object). Switched once at start-up.
 */
public enum LogFormat {
    TEXT,
    JSON;

    /** Parses the configuration value; null if it is neither {@code text} nor {@code json}. */
    public static LogFormat parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> null;
        };
    }

    /** Makes the root logger's console appenders write in this format (text is what logback.xml sets up). */
    public void apply() {
        if (this == TEXT || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender) {
                JsonEncoder json = new JsonEncoder();
                json.setContext(context);
                // The sequence number and nanoseconds help nobody reading a shipped log; the rest stays.
                json.setWithSequenceNumber(false);
                json.setWithNanoseconds(false);
                json.start();
                appender.stop();
                appender.setEncoder(json);
                appender.start();
            }
        }
    }
}
