package xtremweb.worker.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Unpacks a work's env archive into its scratch directory. The archive comes from a user and may be
 * hostile: every entry is checked before anything is written, so a refused archive leaves no file
 * behind, inside or outside the directory (zip-slip, absolute names, symbolic links).
 */
public final class SafeUnzip {
    private SafeUnzip() {
    }

    public static void unpack(Path zip, Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        ZipCentralDirectory central = ZipCentralDirectory.read(zip);
        if (!central.symlinks().isEmpty()) {
            throw new UnsafeArchiveException("the env archive holds a symbolic link ('" + central.symlinks().get(0)
                    + "'); archives with links are refused");
        }
        try (ZipFile file = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            List<? extends ZipEntry> entries = Collections.list(file.entries());
            for (ZipEntry entry : entries) {
                target(root, entry.getName());
            }
            for (ZipEntry entry : entries) {
                Path target = target(root, entry.getName());
                if (target.equals(root)) {
                    continue; // "./": the directory itself
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                if (central.executables().contains(entry.getName())) {
                    target.toFile().setExecutable(true, true);
                }
            }
        }
    }

    /** Where an entry goes; refuses names that are absolute or climb out of {@code root}. */
    static Path target(Path root, String name) throws UnsafeArchiveException {
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new UnsafeArchiveException("the env archive has an entry with an empty or invalid name");
        }
        if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
            throw new UnsafeArchiveException("the env archive has an entry with an absolute path ('" + name
                    + "'); entries must be relative to the job directory");
        }
        Path target = root.resolve(name).normalize();
        if (!target.startsWith(root)) {
            throw new UnsafeArchiveException("the env archive has an entry ('" + name
                    + "') that would be written outside the job directory");
        }
        return target;
    }
}
