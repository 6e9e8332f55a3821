package xtremweb.server.logging;

import org.slf4j.MDC;

/**
 * The context a log line carries besides its message, as SLF4J MDC keys: who called (user login,
 * host UID) and which work and task it was about. The HTTP handler sets the caller and clears all
 * at the end of each request; the reaper sets them for each task it handles. Never a secret here.
 */
public final class Mdc {
    public static final String USER = "user";
    public static final String HOST = "host";
    public static final String WORK = "work";
    public static final String TASK = "task";

    private Mdc() {
    }

    /** Sets a key, or removes it when the value is null. */
    public static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    public static void clear() {
        MDC.clear();
    }
}
