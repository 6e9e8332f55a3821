package xtremweb.common.archive;

import java.io.IOException;

/** An env archive that would write outside the job directory, or holds links; nothing of it was unpacked. */
public final class UnsafeArchiveException extends IOException {
    public UnsafeArchiveException(String message) {
        super(message);
    }
}
