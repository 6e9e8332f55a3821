package xtremweb.common.wire;

/**
 * Answer to a protocol-2 result upload ({@code PUT /api/v1/worker/tasks/{taskUid}/result?exitCode=N}):
 * the result's data, the work now COMPLETED, and, when the upload asked ({@code &next=N}), the
 * host's next works claimed in the same exchange ({@code next}; null when it did not ask).
 */
public record ResultReceipt(DataView result, WorkResponse next) {
}
