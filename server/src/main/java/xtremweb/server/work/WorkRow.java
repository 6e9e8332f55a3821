package xtremweb.server.work;

import java.time.Instant;
import java.util.List;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.rights.AccessRights;
import xtremweb.common.wire.WorkView;
import xtremweb.server.policy.Owned;

/**
 * One row of the works table, with its app's name and the owner's user group (joined), what the
 * work asks of a host ({@code needs}), and the session and group it was inserted into (nullable).
 * {@code certifies} is null but for a copy of a replicated work: the UID of that work.
 */
public record WorkRow(String uid, String appUid, String appName, String ownerUid, String ownerGroupUid, String label,
                      List<String> args, WorkStatus status, Integer exitCode, String errorMessage, String stdinDataUid,
                      String envDataUid, String resultDataUid, AccessRights rights, int retries, long version,
                      boolean deleted, String hostUid, Instant submitted, Instant completed, Requirements needs,
                      String sessionUid, String groupUid, String certifies) {
    public WorkRow {
        args = List.copyOf(args);
        needs = needs == null ? Requirements.NONE : needs;
    }

    /** A work its owner submitted (not a copy of one). */
    public WorkRow(String uid, String appUid, String appName, String ownerUid, String ownerGroupUid, String label,
                   List<String> args, WorkStatus status, Integer exitCode, String errorMessage, String stdinDataUid,
                   String envDataUid, String resultDataUid, AccessRights rights, int retries, long version,
                   boolean deleted, String hostUid, Instant submitted, Instant completed, Requirements needs,
                   String sessionUid, String groupUid) {
        this(uid, appUid, appName, ownerUid, ownerGroupUid, label, args, status, exitCode, errorMessage, stdinDataUid,
                envDataUid, resultDataUid, rights, retries, version, deleted, hostUid, submitted, completed, needs,
                sessionUid, groupUid, null);
    }

    /** A copy of this work (result certification): the same job, queued at this work's place in its owner's line. */
    public WorkRow copy(String copyUid) {
        return new WorkRow(copyUid, appUid, appName, ownerUid, ownerGroupUid, label, args, WorkStatus.PENDING, null, null,
                stdinDataUid, envDataUid, null, rights, 0, 0, false, null, submitted, null, needs, sessionUid, groupUid, uid);
    }

    /** This work as a claim by {@code host} leaves it: RUNNING there, one version further. */
    public WorkRow claimedBy(String host) {
        return new WorkRow(uid, appUid, appName, ownerUid, ownerGroupUid, label, args, WorkStatus.RUNNING, exitCode, errorMessage,
                stdinDataUid, envDataUid, resultDataUid, rights, retries, version + 1, deleted, host, submitted, completed,
                needs, sessionUid, groupUid, certifies);
    }

    /** This work as it is inserted with another status (a replicated work is RUNNING while its copies compute). */
    public WorkRow withStatus(WorkStatus newStatus) {
        return new WorkRow(uid, appUid, appName, ownerUid, ownerGroupUid, label, args, newStatus, exitCode, errorMessage,
                stdinDataUid, envDataUid, resultDataUid, rights, retries, version, deleted, hostUid, submitted, completed,
                needs, sessionUid, groupUid, certifies);
    }

    /**
     * What a work asks of the host that runs it: minimum memory, free disk and CPU speed, and one
     * expected host. Null means no demand. A host that did not declare a resource does not meet a
     * minimum of it.
     */
    public record Requirements(Long minMemoryBytes, Long minDiskBytes, Integer minCpuSpeedMhz, String expectedHostUid) {
        public static final Requirements NONE = new Requirements(null, null, null, null);

        public boolean metBy(String hostUid, long memory, Long disk, Integer cpuSpeed) {
            return (expectedHostUid == null || expectedHostUid.equals(hostUid))
                    && (minMemoryBytes == null || memory >= minMemoryBytes)
                    && (minDiskBytes == null || (disk != null && disk >= minDiskBytes))
                    && (minCpuSpeedMhz == null || (cpuSpeed != null && cpuSpeed >= minCpuSpeedMhz));
        }
    }

    /**
     * Whether {@code other} is the same job as this one, as its owner submitted it: app, label,
     * arguments, inputs, needs, session and group (what a repeated request must have sent again).
     */
    public boolean sameJob(WorkRow other) {
        return java.util.Objects.equals(appUid, other.appUid) && java.util.Objects.equals(label, other.label)
                && args.equals(other.args) && java.util.Objects.equals(stdinDataUid, other.stdinDataUid)
                && java.util.Objects.equals(envDataUid, other.envDataUid) && needs.equals(other.needs)
                && java.util.Objects.equals(sessionUid, other.sessionUid) && java.util.Objects.equals(groupUid, other.groupUid);
    }

    public Owned owned() {
        return new Owned(ownerUid, ownerGroupUid, rights);
    }

    public WorkView view() {
        return new WorkView(uid, appUid, appName, ownerUid, label, args, status, exitCode, errorMessage, stdinDataUid,
                envDataUid, resultDataUid, rights.toString(), retries, submitted, completed, sessionUid, groupUid);
    }
}
