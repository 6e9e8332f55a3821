package xtremweb.server.certification;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The one point where the result path hands a copy's end to certification: called inside the
 * transaction that records a task's COMPLETED or ERROR report, so a copy's end and the validation
 * it triggers commit together or not at all.
 */
@FunctionalInterface
public interface ResultCertification {
    /** Without certification (tests of the scheduler alone): nothing to do. */
    ResultCertification NONE = (c, certifies) -> { };

    /**
     * A work just ended; {@code certifies} is the work it is a copy of, null for a work computed
     * once, for which nothing happens.
     */
    void ended(Connection c, String certifies) throws SQLException;
}
