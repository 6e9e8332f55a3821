package xtremweb.common.wire;

import java.util.List;
import xtremweb.common.model.Uid;

/**
 * {@code POST /api/v1/works}: one job. {@code app} is an app name or UID. {@code args} is the argument
 * vector passed to the binary exactly as given: no whitespace splitting, no shell. The optional
 * minimums keep the job off hosts that declare less (or declare nothing); {@code expectedHostUid}
 * pins it to one host ({@code --xwexpectedhost}). {@code sessionUid} and {@code groupUid} insert the
 * job into a session and a group ({@code --xwsession}, {@code --xwgroup}). {@code replication} may raise
 * the app's replication policy for this job, never lower it ({@code --xwquorum}...).
 */
public record WorkSubmit(String app, List<String> args, String label, String stdinDataUid, String envDataUid,
                         Long minMemoryBytes, Long minDiskBytes, Integer minCpuSpeedMhz, String expectedHostUid,
                         String sessionUid, String groupUid, Replication replication) {
    public WorkSubmit {
        if (app == null || app.isBlank()) {
            throw new IllegalArgumentException("a work needs an app name or UID");
        }
        args = args == null ? List.of() : List.copyOf(args);
        // A UID typed in capitals names the same object, here as in a path (UIDs are stored lowercase).
        stdinDataUid = Uid.canonical(stdinDataUid);
        envDataUid = Uid.canonical(envDataUid);
        expectedHostUid = Uid.canonical(expectedHostUid);
        sessionUid = Uid.canonical(sessionUid);
        groupUid = Uid.canonical(groupUid);
        for (Number n : new Number[] {minMemoryBytes, minDiskBytes, minCpuSpeedMhz}) {
            if (n != null && n.longValue() < 0) {
                throw new IllegalArgumentException("a work's minimum memory, disk or CPU speed cannot be negative");
            }
        }
    }

    /** A job with its app's replication policy. */
    public WorkSubmit(String app, List<String> args, String label, String stdinDataUid, String envDataUid,
                      Long minMemoryBytes, Long minDiskBytes, Integer minCpuSpeedMhz, String expectedHostUid,
                      String sessionUid, String groupUid) {
        this(app, args, label, stdinDataUid, envDataUid, minMemoryBytes, minDiskBytes, minCpuSpeedMhz, expectedHostUid,
                sessionUid, groupUid, null);
    }

    /** A job in no session and no group. */
    public WorkSubmit(String app, List<String> args, String label, String stdinDataUid, String envDataUid,
                      Long minMemoryBytes, Long minDiskBytes, Integer minCpuSpeedMhz, String expectedHostUid) {
        this(app, args, label, stdinDataUid, envDataUid, minMemoryBytes, minDiskBytes, minCpuSpeedMhz, expectedHostUid,
                null, null);
    }

    /** A job with no resource minimum and no expected host. */
    public WorkSubmit(String app, List<String> args, String label, String stdinDataUid, String envDataUid) {
        this(app, args, label, stdinDataUid, envDataUid, null, null, null, null, null, null);
    }
}
