package xtremweb.server.work;

import java.time.Instant;

/** Columns a status transition also sets; null leaves a column as it is. */
public record WorkChange(String hostUid, Integer exitCode, String errorMessage, String resultDataUid, int retriesAdded,
                         Instant completed) {
    public static WorkChange none() {
        return new WorkChange(null, null, null, null, 0, null);
    }

    public static WorkChange claimedBy(String hostUid) {
        return new WorkChange(hostUid, null, null, null, 0, null);
    }

    public static WorkChange result(String resultDataUid) {
        return new WorkChange(null, null, null, resultDataUid, 0, null);
    }

    /** Protocol 2: the result upload that is also the COMPLETED report sets both at once. */
    public static WorkChange completedWith(String resultDataUid, int exitCode, Instant at) {
        return new WorkChange(null, exitCode, null, resultDataUid, 0, at);
    }

    public static WorkChange completed(int exitCode, Instant at) {
        return new WorkChange(null, exitCode, null, null, 0, at);
    }

    public static WorkChange failed(String message, Instant at) {
        return new WorkChange(null, null, message.length() > 1000 ? message.substring(0, 1000) : message, null, 0, at);
    }

    public static WorkChange lost() {
        return new WorkChange(null, null, null, null, 1, null);
    }

    /** A work handed back by its host (the owner needed the machine): re-queued, not counted as a loss. */
    public static WorkChange givenBack() {
        return new WorkChange(null, null, null, null, 0, null);
    }

    public static WorkChange lostForGood(String message, Instant at) {
        return new WorkChange(null, null, message, null, 1, at);
    }
}
