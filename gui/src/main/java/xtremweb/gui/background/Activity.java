package xtremweb.gui.background;

import xtremweb.common.http.XwHttpClient;

/**
 * One server call in progress, as the status bar shows it: what it does and, for a transfer, how far
 * it got. Written by the call's thread, read by the event thread.
 */
public final class Activity implements XwHttpClient.Progress {
    /** A call nobody asked for (a periodic refresh) shows only once it has taken this long. */
    private static final long QUIET_SHOWS_AFTER_NANOS = 1_000_000_000L;
    private final String what;
    private final boolean quiet;
    private final long started = System.nanoTime();
    private volatile long done;
    private volatile long total = -1;

    Activity(String what, boolean quiet) {
        this.what = what;
        this.quiet = quiet;
    }

    /** Whether the status bar shows it now: at once if someone asked for it, after a second otherwise. */
    public boolean shown() {
        return !quiet || System.nanoTime() - started > QUIET_SHOWS_AFTER_NANOS;
    }

    public String what() {
        return what;
    }

    @Override
    public void update(long done, long total) {
        this.done = done;
        this.total = total;
    }

    /** Percent done, or empty while it cannot be told (not a transfer, or size unknown). */
    public java.util.OptionalInt percent() {
        long t = total;
        return t > 0 ? java.util.OptionalInt.of((int) Math.min(100, 100 * done / t)) : java.util.OptionalInt.empty();
    }
}
