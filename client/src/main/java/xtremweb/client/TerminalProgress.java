package xtremweb.client;

import java.io.PrintStream;
import java.lang.reflect.Method;
import xtremweb.common.http.XwHttpClient;

/**
 * A progress bar on stderr for transfers that last more than a moment, drawn only when stderr
 * can be a terminal: scripts and logs never see it. Redrawn at most a few times a second.
 */
final class TerminalProgress implements XwHttpClient.Progress {
    private static final long SHOW_AFTER_NANOS = 1_000_000_000L;
    private static final long REDRAW_NANOS = 200_000_000L;
    private final PrintStream err;
    private final long started = System.nanoTime();
    private long lastDrawn;

    private TerminalProgress(PrintStream err) {
        this.err = err;
    }

    /** A bar when the process talks to a terminal, nothing otherwise. */
    static XwHttpClient.Progress forStderr() {
        return interactive() ? new TerminalProgress(System.err) : XwHttpClient.Progress.NONE;
    }

    @Override
    public synchronized void update(long done, long total) {
        long now = System.nanoTime();
        boolean finished = total >= 0 && done >= total;
        if (now - started < SHOW_AFTER_NANOS || (!finished && now - lastDrawn < REDRAW_NANOS)) {
            return;
        }
        lastDrawn = now;
        double seconds = (now - started) / 1e9;
        String rate = String.format("%.1f MB/s", done / 1e6 / Math.max(seconds, 1e-3));
        if (total > 0) {
            int width = 30;
            int filled = (int) (width * Math.min(1.0, (double) done / total));
            err.printf("\r[%s%s] %3d%% %s of %s %s", "#".repeat(filled), " ".repeat(width - filled),
                    (int) (100.0 * done / total), megabytes(done), megabytes(total), rate);
        } else {
            err.printf("\r%s %s", megabytes(done), rate);
        }
        if (finished) {
            err.println();
        }
        err.flush();
    }

    private static String megabytes(long bytes) {
        return String.format("%.1f MB", bytes / 1e6);
    }

    /** Console.isTerminal() exists from Java 22; on 21 a console exists only on a terminal. */
    private static boolean interactive() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = console.getClass().getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true;
        }
    }
}
