package xtremweb.client.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;
import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwConnectException;

/** A waiting client's calls outlive a server restart: made again while the server cannot be reached, until the wait ends. */
public final class Outages {
    private Outages() {
    }

    /** The longest pause between two attempts to reach a server that went away while the client waited. */
    private static final Duration OUTAGE_PAUSE_MAX = Duration.ofSeconds(5);

    /**
     * One call of a wait, made again while the server cannot be reached (it restarts, is upgraded,
     * was killed: the works and their results are kept on its side) until the wait's deadline, with a
     * growing pause (1 s, 2 s, 4 s, then 5 s). The waiting client is told once, through the
     * connection's notices, and once more when the server answers again. Past the deadline the last
     * failure is thrown, saying that nothing is lost and to ask again. A refused certificate or a
     * name that does not resolve is not an outage: it is thrown at once. A server that refuses one
     * more wait of this user's (429 too-many-waits: its other clients hold all of {@code
     * longpoll.perCaller}) is asked again each second, said once.
     */
    static <T> T waitThrough(Connection connection, Supplier<T> call, Instant deadline, Clock clock) {
        return waitThrough(connection.notices, "the server at " + connection.http.base(), call, deadline, clock);
    }

    /**
     * As {@link #waitThrough(Connection, Supplier, Instant, Clock)} before there is a connection (a
     * waiting command's log-in): {@code notices} is told, {@code server} names the server in them.
     */
    public static <T> T waitThrough(Consumer<String> notices, String server, Supplier<T> call, Instant deadline, Clock clock) {
        Duration pause = Duration.ofSeconds(1);
        boolean toldOutage = false;
        boolean toldBusy = false;
        while (true) {
            try {
                T answer = call.get();
                if (toldOutage) {
                    notices.accept(server + " answers again; still waiting");
                }
                return answer;
            } catch (RuntimeException e) {
                boolean busy = isTooManyWaits(e);
                if (!busy && !isOutage(e)) {
                    throw e;
                }
                Duration left = Duration.between(clock.instant(), deadline);
                if (busy) {
                    // The server is up; this user's other clients hold all its long polls, and one
                    // ends within its wait: ask again each second, as a wait that has not started.
                    if (left.isNegative() || left.isZero()) {
                        throw e;
                    }
                    if (!toldBusy) {
                        notices.accept(e.getMessage() + "; trying again until the wait ends");
                        toldBusy = true;
                    }
                    sleep(Duration.ofSeconds(1), left, e);
                    continue;
                }
                if (left.isNegative() || left.isZero()) {
                    throw new XwConnectException(e.getMessage() + "; the wait ended before the server answered again."
                            + " Nothing is lost: works and results are kept on the server; ask again once it is back", e);
                }
                if (!toldOutage) {
                    notices.accept(e.getMessage() + "; still waiting (the server may be restarting),"
                            + " trying again until the wait ends");
                    toldOutage = true;
                }
                sleep(pause, left, e);
                pause = pause.multipliedBy(2).compareTo(OUTAGE_PAUSE_MAX) > 0 ? OUTAGE_PAUSE_MAX : pause.multipliedBy(2);
            }
        }
    }

    /** Sleeps {@code pause}, at most what is {@code left} of the wait; interrupted, rethrows {@code failure}. */
    private static void sleep(Duration pause, Duration left, RuntimeException failure) {
        try {
            Thread.sleep(Math.min(pause.toMillis(), Math.max(1, left.toMillis())));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    /** The server refused to hold one more wait of this caller's (longpoll.perCaller): it answers, and will take it soon. */
    private static boolean isTooManyWaits(RuntimeException e) {
        return e instanceof XwApiException a && a.status() == 429 && "too-many-waits".equals(a.code());
    }

    /** The server went away (connection refused or cut, no answer in time) or its proxy says it is gone for now (502, 503). */
    private static boolean isOutage(RuntimeException e) {
        if (e instanceof XwConnectException c) {
            if (c.reason() == XwConnectException.Reason.REFUSED) {
                return true;
            }
            // OTHER also covers an answer this client cannot read (another version: no use asking again)
            // and an interruption: only a failed exchange is an outage. A download cut off wraps the
            // failure of its last attempt.
            Throwable cause = c.getCause();
            if (cause instanceof XwConnectException inner) {
                return isOutage(inner);
            }
            return c.reason() == XwConnectException.Reason.OTHER && cause instanceof java.io.IOException
                    && !(cause instanceof com.fasterxml.jackson.core.JacksonException);
        }
        return e instanceof XwApiException a && (a.status() == 502 || a.status() == 503);
    }
}
