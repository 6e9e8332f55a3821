package xtremweb.server.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %oneLineMsg} in logback.xml: the event's message with its line breaks written {@code \n}
 * and {@code \r}, so the text log stays one line per event. A message may quote what others sent
 * (a worker's error reason may span lines) and a volunteer's worker must not be able to add lines
 * that look like the server's own to the administrator's log. Stack traces still follow on lines
 * of their own; the JSON format escapes line breaks by itself.
 */
public final class OneLineMessage extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        String message = super.convert(event);
        if (message == null || (message.indexOf('\n') < 0 && message.indexOf('\r') < 0)) {
            return message;
        }
        return message.replace("\r", "\\r").replace("\n", "\\n");
    }
}
