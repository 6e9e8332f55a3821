package xtremweb.common.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a work (a job). Every status change goes through {@link #canMoveTo}, so an illegal
 * move (say COMPLETED back to RUNNING) is refused wherever it is attempted.
 *
 * <p>A non-zero exit code is still COMPLETED, with its return code; ERROR means the job could not be
 * run (missing binary, unreadable input) or exceeded its limits.
 */
public enum WorkStatus {
    /** Waiting for a worker. */
    PENDING,
    /** Assigned to a host, which holds a lease on it. */
    RUNNING,
    /** Computed; the result upload is outstanding. */
    DATAREQUEST,
    /** Done, result stored (final). */
    COMPLETED,
    /** Could not be computed (final). */
    ERROR;

    private Set<WorkStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(RUNNING, ERROR);
            // RUNNING -> PENDING: lease expired or the volunteer took the machine back.
            case RUNNING -> EnumSet.of(PENDING, DATAREQUEST, COMPLETED, ERROR);
            case DATAREQUEST -> EnumSet.of(PENDING, COMPLETED, ERROR);
            case COMPLETED, ERROR -> EnumSet.noneOf(WorkStatus.class);
        };
    }

    public boolean canMoveTo(WorkStatus target) {
        return next().contains(target);
    }

    public boolean isFinal() {
        return this == COMPLETED || this == ERROR;
    }
}
