package xtremweb.server.certification;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A comparator whose first comparison fails as a disk or a killed server would fail a validation
 * halfway; byte-equal afterwards. {@link #failNext} arms it again.
 */
public final class FailingOnceComparator implements ResultComparator {
    static final AtomicBoolean FAIL_NEXT = new AtomicBoolean();

    static void failNext() {
        FAIL_NEXT.set(true);
    }

    @Override
    public String name() {
        return "failing-once";
    }

    @Override
    public boolean agree(Path first, Path second) throws IOException {
        if (FAIL_NEXT.getAndSet(false)) {
            throw new IOException("the disk failed in the middle of the comparison");
        }
        return new ByteEqualComparator().agree(first, second);
    }
}
