package xtremweb.common.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Unpacks an untrusted zip (a job's env archive on a worker, a worker's result on a client) into one
 * directory and nowhere else. Every entry is checked before anything is written, so a refused
 * archive leaves no file behind: names that are absolute or climb out with {@code ..}, and symbolic
 * links, refuse the whole archive. Writes never follow links, and each parent directory is resolved
 * again before writing in case a link was planted there earlier.
 */
public final class SafeUnzip {
    private SafeUnzip() {
    }

    /** Unpacks {@code zip} into {@code dir} (created if needed); returns the files written. */
    public static List<Path> unpack(Path zip, Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        ZipCentralDirectory central = ZipCentralDirectory.read(zip);
        if (!central.symlinks().isEmpty()) {
            throw new UnsafeArchiveException("the archive holds a symbolic link '" + central.symlinks().get(0)
                    + "'; archives with links are refused, nothing was unpacked");
        }
        try (ZipFile file = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            List<? extends ZipEntry> entries = Collections.list(file.entries());
            for (ZipEntry entry : entries) {
                target(root, entry.getName());
            }
            Files.createDirectories(root);
            Path realRoot = root.toRealPath();
            List<Path> written = new ArrayList<>();
            for (ZipEntry entry : entries) {
                Path target = target(realRoot, entry.getName());
                if (target.equals(realRoot)) {
                    continue; // "./": the directory itself
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    requireInside(target.toRealPath(), realRoot, entry.getName());
                    continue;
                }
                Files.createDirectories(target.getParent());
                requireInside(target.getParent().toRealPath(), realRoot, entry.getName());
                try (InputStream in = file.getInputStream(entry);
                     OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE,
                             StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    in.transferTo(out);
                }
                if (central.executables().contains(entry.getName())) {
                    target.toFile().setExecutable(true, true);
                }
                written.add(target);
            }
            return written;
        }
    }

    /** Where an entry goes; refuses names that are absolute or climb out of {@code root}. */
    static Path target(Path root, String name) throws UnsafeArchiveException {
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new UnsafeArchiveException("the archive has an entry with an empty or invalid name; nothing was unpacked");
        }
        if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
            throw new UnsafeArchiveException("the archive has an entry with an absolute path '" + name
                    + "'; entries must be relative, nothing was unpacked");
        }
        Path target = root.resolve(name).normalize();
        requireInside(target, root, name);
        return target;
    }

    private static void requireInside(Path path, Path root, String name) throws UnsafeArchiveException {
        if (!path.startsWith(root)) {
            throw new UnsafeArchiveException("the archive has an entry '" + name
                    + "' that would be written outside its directory; nothing was unpacked");
        }
    }
}
