package xtremweb.bridge;

/**
 * How many pilots to submit or cancel in one round. Pilots already queued or running count as
 * capacity ({@code cpus} works each), so a bridge that restarts, or looks again before its pilots
 * started, never submits a second set for the same works. At most {@code maxPilots} exist at once
 * and at most {@code perRound} are submitted per round; queued pilots beyond what the pending
 * works need are cancelled, all of them once no work is pending.
 */
record Planner(int maxPilots, int perRound, int cpus) {
    Planner {
        if (maxPilots < 1 || perRound < 1 || cpus < 1) {
            throw new IllegalArgumentException("maxPilots, perRound and cpus must be at least 1");
        }
    }

    /** What to do this round. */
    record Decision(int submit, int cancel) {
    }

    Decision decide(long pending, int queued, int running) {
        int pilots = queued + running;
        long wanted = (pending + cpus - 1) / cpus;
        long missing = wanted - pilots;
        int submit = (int) Math.max(0, Math.min(missing, Math.min(perRound, maxPilots - (long) pilots)));
        int cancel = (int) Math.max(0, Math.min(queued, pilots - wanted));
        return new Decision(submit, cancel);
    }
}
