package xtremweb.common.wire;

/**
 * What became of one result of a {@link ResultBatch}: recorded ({@code result}, the work now
 * COMPLETED) or refused ({@code problem}, the same problem a lone upload of it would have been
 * answered with: 409 the task is no longer the host's, 422 its checksum did not match, 503 try
 * again later...). Exactly one of the two is set.
 */
public record TaskResultReceipt(String taskUid, DataView result, Problem problem) {
    /** Whether the server recorded this result. */
    public boolean recorded() {
        return result != null;
    }
}
