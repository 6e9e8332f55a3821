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
 */
public record WorkRow(String uid, String appUid, String appName, String ownerUid, String ownerGroupUid, String label,
                      List<String> args, WorkStatus status, Integer exitCode, String errorMessage, String stdinDataUid,
                      String envDataUid, String resultDataUid, AccessRights rights, int retries, long version,
                      boolean deleted, String hostUid, Instant submitted, Instant completed, Requirements needs,
                      String sessionUid, String groupUid) {
    public WorkRow {
        args = List.copyOf(args);
        needs = needs == null ? Requirements.NONE : needs;
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

    public Owned owned() {
        return new Owned(ownerUid, ownerGroupUid, rights);
    }

    public WorkView view() {
        return new WorkView(uid, appUid, appName, ownerUid, label, args, status, exitCode, errorMessage, stdinDataUid,
                envDataUid, resultDataUid, rights.toString(), retries, submitted, completed, sessionUid, groupUid);
    }
}
