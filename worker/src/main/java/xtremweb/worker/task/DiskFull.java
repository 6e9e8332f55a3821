package xtremweb.worker.task;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * This host's disk is full (ENOSPC, or the volunteer's quota): the worker's own trouble, not the
 * job's. Its task is given back, so the work is queued again without a failure counted against it
 * or against this host, instead of an ERROR report or a lease left to expire.
 */
final class DiskFull extends IOException {
    /** How the JDK words ENOSPC and EDQUOT, in the message or in a FileSystemException's reason. */
    private static final String[] WORDS = {"No space left on device", "Disk quota exceeded"};
    private final transient Path dir;

    private DiskFull(Path dir, Throwable cause) {
        super(reason(cause), cause);
        this.dir = dir;
    }

    /**
     * {@code error} as a full disk in {@code dir} (the directory being written, or that of the file
     * the error names), if that is what it is, whatever wraps it (an unchecked or connection error).
     */
    static Optional<DiskFull> of(Throwable error, Path dir) {
        if (error instanceof DiskFull full) {
            return Optional.of(full);
        }
        // The innermost error that says so: the system's own words, not a wrapper's sentence.
        Throwable found = null;
        for (Throwable e = error; e != null && e != e.getCause(); e = e.getCause()) {
            if (says(e.getMessage()) || e instanceof FileSystemException fs && says(fs.getReason())) {
                found = e;
            }
        }
        if (found == null) {
            return Optional.empty();
        }
        Path where = found instanceof FileSystemException fs && fs.getFile() != null
                ? Path.of(fs.getFile()).toAbsolutePath().getParent() : null;
        return Optional.of(new DiskFull(where == null ? dir : where, found));
    }

    /** {@code error} itself, or a {@link DiskFull} in {@code dir} when the disk is full. */
    static IOException orSame(IOException error, Path dir) {
        return of(error, dir).map(IOException.class::cast).orElse(error);
    }

    /** The one line said: where and what the system answered. */
    String sentence() {
        return "disk full in " + dir + ": " + getMessage();
    }

    private static boolean says(String text) {
        if (text == null) {
            return false;
        }
        for (String words : WORDS) {
            if (text.contains(words)) {
                return true;
            }
        }
        return false;
    }

    private static String reason(Throwable cause) {
        if (cause instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return cause.getMessage();
    }
}
