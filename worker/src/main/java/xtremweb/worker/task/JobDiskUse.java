package xtremweb.worker.task;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Whose fault a full disk is. A disk full for the host's own reasons is given back (see
 * {@link DiskFull}), but a job that filled it itself would be given back to host after host,
 * filling each volunteer's disk in turn: when its directory holds at least half of the space that
 * was free as it started, the job is to blame and ends in ERROR (the owner is told why).
 */
final class JobDiskUse {
    private JobDiskUse() {
    }

    /** The space this process may still use where {@code dir} lies; -1 when it cannot be read. */
    static long usable(Path dir) {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Why the job is to blame for a full disk, or empty when it is not (or it cannot be told). */
    static Optional<String> blame(Path scratch, long freeAtStart) {
        if (freeAtStart <= 0) {
            return Optional.empty();
        }
        long written = bytesUnder(scratch);
        if (written < freeAtStart / 2) {
            return Optional.empty();
        }
        return Optional.of("the job filled this host's disk: its directory holds " + mib(written) + " of the "
                + mib(freeAtStart) + " free when it started; it must write less");
    }

    /** The bytes of the regular files under {@code dir}, links not followed. */
    static long bytesUnder(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.mapToLong(JobDiskUse::sizeIfFile).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static long sizeIfFile(Path p) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(p, BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile() ? attributes.size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
