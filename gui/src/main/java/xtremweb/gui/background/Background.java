package xtremweb.gui.background;

import java.awt.Component;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.swing.SwingUtilities;

/**
 * Runs server calls off the event thread, so the window never freezes: each call is an
 * {@link Activity} the status bar shows (with its progress for transfers) until it ends; its result
 * is handed back on the event thread; its error is shown as the server's sentence, in a dialog or,
 * for calls nobody asked for (a periodic refresh), to a quiet handler.
 */
public final class Background {
    /** A server call; {@code progress} takes the bytes of a transfer. */
    @FunctionalInterface
    public interface Call<T> {
        T run(Activity progress) throws Exception;
    }

    private final ExecutorService pool;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Touched on the event thread only. */
    private final List<Activity> running = new ArrayList<>();
    private final List<Runnable> listeners = new ArrayList<>();
    private final Component parent;

    public Background(Component parent) {
        this.parent = parent;
        AtomicInteger threads = new AtomicInteger();
        // A few threads: a long upload must not hold back the next refresh.
        this.pool = Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "xwgui-server-call-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs {@code call}; {@code done} gets its result on the event thread; an error is a dialog headed "{@code what} failed". */
    public <T> void run(String what, Call<T> call, Consumer<T> done) {
        run(what, call, done, error -> Problems.show(parent, what + " failed", error));
    }

    /** Like {@link #run(String, Call, Consumer)}, the error going to {@code failed} (on the event thread). */
    public <T> void run(String what, Call<T> call, Consumer<T> done, Consumer<Throwable> failed) {
        start(new Activity(what, false), call, done, failed);
    }

    /** A call nobody asked for (a periodic refresh): the status bar shows it only if it lasts. */
    public <T> void quietly(String what, Call<T> call, Consumer<T> done, Consumer<Throwable> failed) {
        start(new Activity(what, true), call, done, failed);
    }

    private <T> void start(Activity activity, Call<T> call, Consumer<T> done, Consumer<Throwable> failed) {
        onEventThread();
        running.add(activity);
        inFlight.incrementAndGet();
        changed();
        pool.execute(() -> {
            T result = null;
            Throwable error = null;
            try {
                result = call.run(activity);
            } catch (Exception | LinkageError e) {
                error = e;
            }
            T value = result;
            Throwable problem = error;
            SwingUtilities.invokeLater(() -> {
                running.remove(activity);
                inFlight.decrementAndGet();
                changed();
                if (problem == null) {
                    done.accept(value);
                } else {
                    failed.accept(Problems.unwrap(problem));
                }
            });
        });
    }

    /** Calls running now, oldest first (event thread). */
    public List<Activity> running() {
        onEventThread();
        return List.copyOf(running);
    }

    /** Told on the event thread whenever a call starts or ends. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** No call running or waiting to hand its result back; safe from any thread. */
    public boolean idle() {
        return inFlight.get() == 0;
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }

    private static void onEventThread() {
        if (!SwingUtilities.isEventDispatchThread()) {
            throw new IllegalStateException("server calls are started from the event thread");
        }
    }
}
