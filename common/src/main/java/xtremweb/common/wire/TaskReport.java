package xtremweb.common.wire;

import xtremweb.common.model.WorkStatus;

/**
 * {@code POST /api/v1/worker/tasks/{taskUid}/status}: the end of a task. COMPLETED carries the exit
 * code (the result was uploaded before); ERROR carries the reason the job could not run.
 */
public record TaskReport(WorkStatus status, Integer exitCode, String errorMessage) {
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
