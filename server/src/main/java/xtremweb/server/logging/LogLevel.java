package xtremweb.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * {@code log.level} in conf/: the manual's four levels of the server's own log (debug, info, warn,
 * error); info by default. Only XtremWeb's loggers follow it: debug there is what an administrator
 * chasing a problem wants, Jetty's or the pool's debug would bury it (they stay at warn).
 */
public enum LogLevel {
    DEBUG(Level.DEBUG),
    INFO(Level.INFO),
    WARN(Level.WARN),
    ERROR(Level.ERROR);

    private final Level level;

    LogLevel(Level level) {
        this.level = level;
    }

    /** Parses the configuration value, whatever its case; null if it is none of the four. */
    public static LogLevel parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Sets the level of every logger under {@code xtremweb}; switched once at start-up. */
    public void apply() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger("xtremweb").setLevel(level);
        }
    }
}
