package xtremweb.common.wire;

import java.time.Instant;
import java.util.List;
import xtremweb.common.model.WorkStatus;

/**
 * A work as its owner sees it. {@code resultDataUid} is set once the result is stored;
 * {@code sessionUid} and {@code groupUid} once it was inserted into a session or group.
 * {@code ownerLogin} is its owner's login in listings, for people to read (null elsewhere, or when unknown).
 */
public record WorkView(String uid, String appUid, String appName, String ownerUid, String label, List<String> args,
                       WorkStatus status, Integer exitCode, String errorMessage, String stdinDataUid,
                       String envDataUid, String resultDataUid, String accessRights, int retries,
                       Instant submitted, Instant completed, String sessionUid, String groupUid,
                       String ownerLogin) {
    /** The most works one listing ({@code GET /api/v1/works}) holds: the first ones submitted. */
    public static final int LISTED_AT_MOST = 10_000;

    public WorkView {
        args = args == null ? List.of() : List.copyOf(args);
    }

    /** A work described without its owner's login. */
    public WorkView(String uid, String appUid, String appName, String ownerUid, String label, List<String> args,
                    WorkStatus status, Integer exitCode, String errorMessage, String stdinDataUid,
                    String envDataUid, String resultDataUid, String accessRights, int retries,
                    Instant submitted, Instant completed, String sessionUid, String groupUid) {
        this(uid, appUid, appName, ownerUid, label, args, status, exitCode, errorMessage, stdinDataUid, envDataUid,
                resultDataUid, accessRights, retries, submitted, completed, sessionUid, groupUid, null);
    }

    /** This work with its owner's login. */
    public WorkView withOwnerLogin(String login) {
        return new WorkView(uid, appUid, appName, ownerUid, label, args, status, exitCode, errorMessage, stdinDataUid,
                envDataUid, resultDataUid, accessRights, retries, submitted, completed, sessionUid, groupUid, login);
    }

    /** A work in no session and no group. */
    public WorkView(String uid, String appUid, String appName, String ownerUid, String label, List<String> args,
                    WorkStatus status, Integer exitCode, String errorMessage, String stdinDataUid,
                    String envDataUid, String resultDataUid, String accessRights, int retries,
                    Instant submitted, Instant completed) {
        this(uid, appUid, appName, ownerUid, label, args, status, exitCode, errorMessage, stdinDataUid, envDataUid,
                resultDataUid, accessRights, retries, submitted, completed, null, null);
    }
}
