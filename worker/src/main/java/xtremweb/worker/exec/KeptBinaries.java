package xtremweb.worker.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/**
 * What a kept sandbox keeps between the jobs of its owner, under its read-only binary root: each
 * binary once per content and name, and one empty stdin. A job cannot alter them (the sandbox
 * binds the root read-only), so the next job of the owner may run the same copy; making, then
 * removing, a private copy and an empty file for every job was most of the file system work of a
 * short job (on ext4, allocating an inode right after many were freed is costly).
 *
 * <p>Used by one job at a time, as the sandbox is; removed with the sandbox.
 */
public final class KeptBinaries {
    /** The entry of the binary root that stays between jobs. */
    static final String NAME = ".kept";
    /** Beyond this many binaries the kept ones are dropped, so an owner's many apps cannot fill the disk. */
    private static final int LIMIT = 32;

    private final Path dir;
    private final Map<String, Path> binaries = new HashMap<>();
    private Path emptyStdin;

    KeptBinaries(Path binRoot) {
        this.dir = binRoot.resolve(NAME);
    }

    /** An empty file for a job without stdin. */
    public synchronized Path emptyStdin() throws IOException {
        if (emptyStdin == null || !Files.isRegularFile(emptyStdin, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir);
            emptyStdin = dir.resolve("empty-stdin");
            Files.deleteIfExists(emptyStdin);
            Files.createFile(emptyStdin);
        }
        return emptyStdin;
    }

    /**
     * The executable copy of {@code cached} named {@code name} (a safe file name), made on first use.
     * {@code cached} is the input cache's file, named after its content's SHA-256: a new version of
     * the app is a new copy. The copy appears whole or not at all (a disk filling up half-way leaves
     * no truncated binary for the next job).
     */
    public synchronized Path binary(Path cached, String name) throws IOException {
        String key = cached.getFileName() + "/" + name;
        Path kept = binaries.get(key);
        if (kept != null && Files.isRegularFile(kept, LinkOption.NOFOLLOW_LINKS)) {
            return kept;
        }
        if (binaries.size() >= LIMIT) {
            for (Path old : binaries.values()) {
                Directories.deleteRecursively(old.getParent());
            }
            binaries.clear();
        }
        Path parent = Files.createDirectories(dir.resolve(cached.getFileName().toString()));
        Path part = Files.createTempFile(parent, ".part-", "");
        try {
            Files.copy(cached, part, StandardCopyOption.REPLACE_EXISTING);
            if (!part.toFile().setExecutable(true, true)) {
                throw new IOException("cannot make " + part + " executable");
            }
            kept = Files.move(part, parent.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
        binaries.put(key, kept);
        return kept;
    }
}
