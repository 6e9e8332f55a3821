package xtremweb.server.certification;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A result zip whose central directory reads but whose content does not unzip (a garbage deflate
 * stream, a local header in the wrong place, compressed data cut short): the same bytes fail the
 * same way at every comparison, so the result agrees with nothing.
 */
final class UnreadableResult extends NotComparable {
    private static final long serialVersionUID = 1L;
    private final transient Path result;

    UnreadableResult(Path result, String entry, IOException cause) {
        super("its file '" + entry + "' does not unzip (" + cause.getMessage() + ")", cause);
        this.result = result;
    }

    /** The result file that does not unzip. */
    Path result() {
        return result;
    }
}
