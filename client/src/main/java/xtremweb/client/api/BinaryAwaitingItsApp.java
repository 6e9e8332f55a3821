package xtremweb.client.api;

import java.util.function.Consumer;

/**
 * The binary {@code xwsendapp} uploads for an app, from the moment the server described it until the
 * server answered the app's creation. A client stopped in between (Ctrl-C, {@code kill}, the GUI's
 * window closed) would leave a private data that no app refers to, counted in its owner's quota;
 * a JVM shutdown hook deletes it instead and says so. {@code kill -9} and a power cut run no
 * hook: that binary stays, listed by {@code xwdatas} under the app's name, and {@code xwrm UID}
 * removes it.
 *
 * <p>Once the app's creation is on its way the server may have made the app before the client
 * stopped (or before a lost answer was asked again): the hook then first asks whether an app uses
 * the binary, and keeps it if one does or if it cannot tell. A binary removed under its app would
 * make every work of the app fail; one left behind only takes room.
 */
final class BinaryAwaitingItsApp implements AutoCloseable {
    private final Data data;
    private final String appName;
    private volatile String uid;
    private final Thread hook;
    private final java.util.function.Predicate<String> usedByTheApp;
    private volatile boolean creationSent;

    /** {@code usedByTheApp}: whether the app exists with this binary (asked only once its creation was sent). */
    BinaryAwaitingItsApp(Data data, String appName, java.util.function.Predicate<String> usedByTheApp) {
        this.data = data;
        this.appName = appName;
        this.usedByTheApp = usedByTheApp;
        this.hook = new Thread(this::removeOnShutdown, "remove the binary of app " + appName);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Called once the server made the data: from now on it is the one to remove. */
    Consumer<String> described() {
        return described -> uid = described;
    }

    /** The app's creation goes now: from here the app may exist before its answer arrives. */
    void creationSent() {
        creationSent = true;
    }

    private void removeOnShutdown() {
        String left = uid;
        if (left == null) {
            return;
        }
        if (creationSent) {
            try {
                if (usedByTheApp.test(left)) {
                    System.err.println("xtremweb.client: stopped while app '" + appName + "' was being created: the server"
                            + " made it, with its binary " + left);
                    return;
                }
            } catch (RuntimeException cannotTell) {
                System.err.println("xtremweb.client: stopped while app '" + appName + "' was being created: its binary " + left
                        + " stays on the server (whether the app was made could not be asked: " + cannotTell.getMessage()
                        + "); if xwapps does not list the app, remove it with xwrm " + left);
                return;
            }
        }
        try {
            data.delete(left);
            System.err.println("xtremweb.client: stopped before app '" + appName + "' was created: its binary " + left
                    + " was removed again; nothing was inserted");
        } catch (RuntimeException e) {
            System.err.println("xtremweb.client: stopped before app '" + appName + "' was created: its binary " + left
                    + " stays on the server (" + e.getMessage() + "); remove it with xwrm " + left);
        }
    }

    /** The app's creation was answered (either way): the binary is no longer this guard's business. */
    @Override
    public void close() {
        uid = null;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook already runs, and finds nothing to remove
        }
    }
}
