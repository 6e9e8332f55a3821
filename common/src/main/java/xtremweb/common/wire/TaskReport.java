package xtremweb.common.wire;

import xtremweb.common.model.WorkStatus;

/**
 * {@code POST /api/v1/worker/tasks/{taskUid}/status}: the end of a task. COMPLETED carries the exit
 * code (the result was uploaded before); ERROR carries the reason the job could not run.
 */
public record TaskReport(WorkStatus status, Integer exitCode, String errorMessage) {
    /** The longest reason the server keeps (its column); {@link #error} shortens a longer one. */
    public static final int MAX_REASON_CHARS = 1000;

    /** An ERROR report whose reason, however long or missing, is one the server takes. */
    public static TaskReport error(String reason) {
        String text = reason == null || reason.isBlank() ? "the job could not run (no reason was given)" : reason;
        return new TaskReport(WorkStatus.ERROR, null,
                text.length() <= MAX_REASON_CHARS ? text : text.substring(0, MAX_REASON_CHARS - 3) + "...");
    }

    public TaskReport {
        if (status != WorkStatus.COMPLETED && status != WorkStatus.ERROR) {
            throw new IllegalArgumentException("a task ends COMPLETED or ERROR, not " + status);
        }
        if (status == WorkStatus.COMPLETED && exitCode == null) {
            throw new IllegalArgumentException("a COMPLETED report needs the exit code");
        }
        if (status == WorkStatus.ERROR && (errorMessage == null || errorMessage.isBlank())) {
            throw new IllegalArgumentException("an ERROR report needs a reason");
        }
    }
}
