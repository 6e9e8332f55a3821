package xtremweb.server.http;

import java.time.Duration;
import xtremweb.server.policy.Caller;
import xtremweb.server.refusal.TooManyAttempts;

/**
 * Bounds the long polls one caller holds at once ({@code longpoll.perCaller}): work requests that
 * wait, {@code POST /works/await} and {@code GET /works/{uid}?waitSeconds=}. They are not counted
 * by {@link Admission} (they hold no database connection while they wait), but each still reads
 * the database once a {@code WorkEnds.LOOK}: without a bound, one token opening thousands of them
 * would cost the database thousands of reads a second. A host is counted apart from its owner's
 * other hosts and from the owner's own calls, so a user with many hosts is not held back. The call
 * beyond the bound is refused before it reads or claims anything (429 with Retry-After).
 */
public final class LongPolls {
    /** The bound when the configuration does not set one: far above what a client or worker holds. */
    public static final int DEFAULT_PER_CALLER = 32;
    /** When to come back: about when one of the caller's waits will have ended. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);
    private final PlacesPerCaller places;

    public LongPolls(int perCaller) {
        if (perCaller < 1) {
            throw new IllegalArgumentException("longpoll.perCaller must be at least 1, not " + perCaller);
        }
        this.places = new PlacesPerCaller(perCaller);
    }

    /** One long poll held; close it when the call ends. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Takes one of the caller's places, or refuses with 429 when all are held. */
    Held hold(Caller caller) {
        String key = PlacesPerCaller.key(caller);
        if (!places.take(key)) {
            throw new TooManyAttempts("too-many-waits", RETRY_AFTER, (caller.hostUid() != null ? "this host" : "you")
                    + " already hold " + places.perCaller() + " waiting calls (longpoll.perCaller); let one end before starting another,"
                    + " or wait for many works in one POST /api/v1/works/await");
        }
        return () -> places.release(key);
    }

    /** Long polls held now, all callers together (for the metrics). */
    public int held() {
        return places.held();
    }
}
