package xtremweb.server.certification;

import java.io.IOException;

/**
 * A comparison that cannot finish because of what a result holds, not because of the disk: comparing
 * again would fail the same way, so the results are taken as not agreeing (as differing ones are)
 * and the quorum decides. Other I/O failures (a result file missing or unreadable from the disk) are
 * worth retrying and roll the report back.
 */
abstract sealed class NotComparable extends IOException permits TooLargeToCompare, UnreadableResult {
    private static final long serialVersionUID = 1L;

    NotComparable(String message, Throwable cause) {
        super(message, cause);
    }
}
