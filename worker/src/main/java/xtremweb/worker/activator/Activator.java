package xtremweb.worker.activator;

/**
 * Decides whether the worker may compute now, so the machine's owner is not disturbed. Asked at a
 * steady pace by one thread; policies that measure (CPU) use the calls as their sampling clock.
 */
public interface Activator {
    boolean mayCompute();

    /** Why the last decision was taken, for the log line of a start, suspension or resume. */
    default String reason() {
        return toString();
    }
}
