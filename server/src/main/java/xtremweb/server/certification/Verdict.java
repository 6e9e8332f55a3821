package xtremweb.server.certification;

/** What certification said of one copy's result. */
public enum Verdict {
    /** Not compared yet (the copy is queued, running, or waiting for a quorum). */
    PENDING,
    /** In the agreeing quorum: the work's result is one of these. */
    VALID,
    /** Disagreed with the quorum. */
    INVALID,
    /** Accepted alone on its host's trust (adaptive trust), not compared with another result. */
    TRUSTED,
    /** Accepted alone, and its host was since caught with a false result: being re-verified. */
    RECHECK,
    /** The copy ended in ERROR; counted against the work's most errors. */
    FAILED,
    /** The work ended before this copy's result was compared (or it was withdrawn). */
    UNCHECKED
}
