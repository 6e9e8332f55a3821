package xtremweb.server.metrics;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import xtremweb.common.model.WorkStatus;

/**
 * The grid counted from the database at one moment: works by status (deleted ones left out), the
 * queue of the owners with the most pending works, and the hosts. Shared by every server of a
 * database, unlike the counters of {@link GridMetrics}, which are this process's.
 *
 * @param busiestOwners the owners with the most pending works, most first, at most {@link CensusRepository#TOP_OWNERS}
 * @param otherOwnersPending pending works of every other owner together
 * @param ownersWithPending how many owners have pending works
 */
public record Census(Instant at, Map<WorkStatus, Long> works, List<OwnerQueue> busiestOwners, long otherOwnersPending,
                     int ownersWithPending, Hosts hosts) {
    public Census {
        EnumMap<WorkStatus, Long> all = new EnumMap<>(WorkStatus.class);
        for (WorkStatus s : WorkStatus.values()) {
            all.put(s, works.getOrDefault(s, 0L));
        }
        works = java.util.Collections.unmodifiableMap(all);
        busiestOwners = List.copyOf(busiestOwners);
    }

    /** Before the first sample: nothing counted yet. */
    public static Census empty(Instant at) {
        return new Census(at, Map.of(), List.of(), 0, 0, new Hosts(0, 0, 0, 0));
    }

    public long works(WorkStatus status) {
        return works.get(status);
    }

    /** One owner's pending works. */
    public record OwnerQueue(String ownerUid, String login, long pending) {
    }

    /**
     * @param registered every host that ever registered
     * @param alive seen within three alive periods (the lease of a task)
     * @param enabled not switched off by an administrator (xwactivate)
     * @param benched kept from work for a while because their jobs kept failing
     */
    public record Hosts(long registered, long alive, long enabled, long benched) {
    }
}
