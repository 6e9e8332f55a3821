package xtremweb.server.task;

import java.time.Duration;

/**
 * When a host sits out: a host whose jobs keep failing or getting lost (a broken machine, a missing
 * library) would drain the queue into ERROR, so after {@link #AFTER} in a row it gets no work for
 * {@link #FOR} (the scheduler refuses a benched host).
 */
public final class Bench {
    /** Failed or lost jobs in a row after which a host is benched. */
    public static final int AFTER = 3;
    public static final Duration FOR = Duration.ofMinutes(10);

    private Bench() {
    }
}
