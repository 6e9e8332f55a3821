package xtremweb.common.wire;

import java.time.Instant;
import java.util.List;
import xtremweb.common.model.WorkStatus;

/** A work as its owner sees it. {@code resultDataUid} is set once the result is stored. */
public record WorkView(String uid, String appUid, String appName, String ownerUid, String label, List<String> args,
                       WorkStatus status, Integer exitCode, String errorMessage, String stdinDataUid,
                       String envDataUid, String resultDataUid, String accessRights, int retries,
                       Instant submitted, Instant completed) {
    public WorkView {
        args = args == null ? List.of() : List.copyOf(args);
    }
}
