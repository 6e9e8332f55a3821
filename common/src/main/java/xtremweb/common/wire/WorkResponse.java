package xtremweb.common.wire;

import java.util.List;

/**
 * Answer to {@code POST /api/v1/worker/workrequest}: an assignment, or none and how long to wait
 * before asking again. The server may hold the request (long poll) up to the requested wait.
 *
 * <p>{@code assignments} (protocol 2, only when the request asked for several slots) lists every
 * work claimed for the request, {@code assignment} being its first, so a protocol-1 reader that
 * only knows {@code assignment} still reads a valid answer.
 */
public record WorkResponse(Assignment assignment, int retryAfterSeconds, int alivePeriodSeconds, List<Assignment> assignments) {
    public WorkResponse {
        assignments = assignments == null ? null : List.copyOf(assignments);
    }

    /** A protocol-1 answer: one assignment or none. */
    public WorkResponse(Assignment assignment, int retryAfterSeconds, int alivePeriodSeconds) {
        this(assignment, retryAfterSeconds, alivePeriodSeconds, null);
    }

    /** Every assignment of this answer, whichever protocol wrote it. */
    public List<Assignment> all() {
        if (assignments != null && !assignments.isEmpty()) {
            return assignments;
        }
        return assignment == null ? List.of() : List.of(assignment);
    }
}
