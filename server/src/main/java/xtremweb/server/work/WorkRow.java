package xtremweb.server.work;

import java.time.Instant;
import java.util.List;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.rights.AccessRights;
import xtremweb.common.wire.WorkView;
import xtremweb.server.policy.Owned;

/** One row of the works table, with its app's name and the owner's user group (joined). */
public record WorkRow(String uid, String appUid, String appName, String ownerUid, String ownerGroupUid, String label,
                      List<String> args, WorkStatus status, Integer exitCode, String errorMessage, String stdinDataUid,
                      String envDataUid, String resultDataUid, AccessRights rights, int retries, long version,
                      boolean deleted, String hostUid, Instant submitted, Instant completed) {
    public WorkRow {
        args = List.copyOf(args);
    }

    public Owned owned() {
        return new Owned(ownerUid, ownerGroupUid, rights);
    }

    public WorkView view() {
        return new WorkView(uid, appUid, appName, ownerUid, label, args, status, exitCode, errorMessage, stdinDataUid,
                envDataUid, resultDataUid, rights.toString(), retries, submitted, completed);
    }
}
