package xtremweb.server.http;

import java.util.concurrent.ConcurrentHashMap;
import xtremweb.server.policy.Caller;

/**
 * Counts what each caller holds at once, against one bound per caller. A host is counted apart
 * from its owner's other hosts and from the owner's own calls, so a user with many hosts is not
 * held back by them.
 */
final class PlacesPerCaller {
    private final int perCaller;
    private final ConcurrentHashMap<String, Integer> held = new ConcurrentHashMap<>();

    PlacesPerCaller(int perCaller) {
        this.perCaller = perCaller;
    }

    int perCaller() {
        return perCaller;
    }

    static String key(Caller caller) {
        return caller.hostUid() != null ? "host " + caller.hostUid() : "user " + caller.userUid();
    }

    /** Takes one of the caller's places; false (nothing taken) when all are held. */
    boolean take(String key) {
        boolean[] taken = {false};
        held.compute(key, (k, n) -> {
            int now = n == null ? 0 : n;
            taken[0] = now < perCaller;
            return taken[0] ? now + 1 : n;
        });
        return taken[0];
    }

    void release(String key) {
        held.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** Places held now, all callers together (for the metrics). */
    int held() {
        return held.values().stream().mapToInt(Integer::intValue).sum();
    }
}
