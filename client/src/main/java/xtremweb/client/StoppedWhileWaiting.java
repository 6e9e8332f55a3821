package xtremweb.client;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import xtremweb.client.api.Uids;

/**
 * {@code xwresult --xwwait} stopped (Ctrl-C, {@code kill}) before its works ended exited 130
 * without a word, as if the works had been stopped too. A JVM shutdown hook says in one line on
 * stderr that they keep running on the server, and the command that fetches their results later.
 * Removed once the command ends by itself: its own messages then say what is left.
 */
final class StoppedWhileWaiting implements AutoCloseable {
    /** More works than this are not all named on the line: the same command, run again, fetches them. */
    static final int NAMED_AT_MOST = 10;

    private final List<String> works;
    private final Set<String> handled = ConcurrentHashMap.newKeySet();
    private final Thread hook;

    /**
     * {@code works}: the UIDs waited for, as named on the command line (empty: all the caller's
     * works); {@code command}: the command without them ({@code xwresult --xwwait 300 ...}).
     */
    StoppedWhileWaiting(List<String> works, String command, PrintWriter err) {
        this.works = works.stream().map(Uids::require).distinct().toList();
        this.hook = new Thread(() -> {
            err.println(sentence(command));
            err.flush();
        }, "say that the works keep running");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The work's result was fetched, or it ended in a state said already: no longer to fetch later. */
    void handled(String uid) {
        handled.add(Uids.require(uid));
    }

    String sentence(String command) {
        if (works.isEmpty()) {
            return "xtremweb.client: stopped while waiting; your works keep running on the server: fetch their results later"
                    + " with " + command;
        }
        List<String> left = works.stream().filter(uid -> !handled.contains(uid)).toList();
        if (left.isEmpty()) {
            return "xtremweb.client: stopped; the result of every work asked for was fetched";
        }
        String those = left.size() == 1 ? "work " + left.getFirst() + " keeps" : "the " + left.size() + " works not fetched yet keep";
        return "xtremweb.client: stopped while waiting; " + those + " running on the server: fetch "
                + (left.size() == 1 ? "its result" : "their results") + " later with " + command + " "
                + (left.size() <= NAMED_AT_MOST ? String.join(" ", left) : String.join(" ", left.subList(0, NAMED_AT_MOST))
                + (left.size() == NAMED_AT_MOST + 1 ? " and one other (xwworks lists it)"
                : " and the " + (left.size() - NAMED_AT_MOST) + " others (xwworks lists them)"));
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs already
        }
    }
}
