package xtremweb.server.http;

import java.time.Duration;
import xtremweb.server.policy.Caller;
import xtremweb.server.refusal.TooManyAttempts;

/**
 * Bounds the uploads one caller sends at once ({@code upload.perCaller}): data content
 * ({@code PUT /datas/{uid}/content}) and workers' results. An upload reads its body for as long as
 * the client takes, within the {@link BodyPace}, so it is not counted by {@link Admission}: about
 * 200 uploads at 1 KiB/s, all from one user or one volunteer's host token, held every place of the
 * limit and the server answered 503 to everybody. It holds one of its caller's places instead; the
 * upload beyond the bound is refused before a byte is read (429 with Retry-After), and a client
 * sending one big file on a slow line is not held back at all. A host is counted apart from its
 * owner's other hosts and from the owner's own calls.
 */
public final class Uploads {
    /** The bound when the configuration does not set one: a client sends one file at a time, a worker at most one result per slot. */
    public static final int DEFAULT_PER_CALLER = 16;
    /** When to come back: an upload at the slowest pace the server waits for takes about this long per 15 KiB. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(15);
    private final PlacesPerCaller places;

    public Uploads(int perCaller) {
        if (perCaller < 1) {
            throw new IllegalArgumentException("upload.perCaller must be at least 1, not " + perCaller);
        }
        this.places = new PlacesPerCaller(perCaller);
    }

    /** Takes one of the caller's places, or refuses with 429 when all are held. */
    LongPolls.Held hold(Caller caller) {
        String key = PlacesPerCaller.key(caller);
        if (!places.take(key)) {
            throw new TooManyAttempts("too-many-uploads", RETRY_AFTER, (caller.hostUid() != null ? "this host" : "you")
                    + " already send " + places.perCaller() + " uploads at once (upload.perCaller); let one end before"
                    + " starting another");
        }
        return () -> places.release(key);
    }

    /** Uploads being received now, all callers together (for the metrics). */
    public int held() {
        return places.held();
    }
}
