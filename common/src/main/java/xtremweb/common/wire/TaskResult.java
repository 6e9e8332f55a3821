package xtremweb.common.wire;

/**
 * One task's result in a {@link ResultBatch}: its zip (sent inline, base64 in the JSON), the zip's
 * SHA-256 as the worker computed it (checked by the server before anything is recorded) and the job's
 * exit code, which makes the upload the task's COMPLETED report as well.
 */
public record TaskResult(String taskUid, int exitCode, String sha256, byte[] zip) {
    public TaskResult {
        if (taskUid == null || taskUid.isBlank()) {
            throw new IllegalArgumentException("each result needs its taskUid");
        }
        if (zip == null) {
            throw new IllegalArgumentException("the result of task " + taskUid + " has no zip");
        }
        if (zip.length > ResultBatch.MAX_RESULT_BYTES) {
            throw new IllegalArgumentException("the result of task " + taskUid + " is " + zip.length + " bytes; results above "
                    + ResultBatch.MAX_RESULT_BYTES + " bytes go alone (PUT /api/v1/worker/tasks/{taskUid}/result)");
        }
    }
}
