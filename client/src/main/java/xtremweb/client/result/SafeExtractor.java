package xtremweb.client.result;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Extracts a result zip into one directory and nowhere else. A result is made by a worker, which
 * the client does not trust: every entry is checked before anything is written, and the whole zip
 * is refused if one entry is absolute, climbs out with {@code ..}, or is a symbolic link.
 */
public final class SafeExtractor {
    private SafeExtractor() {
    }

    /** Extracts {@code zip} into {@code directory} (created if needed); returns the files written. */
    public static List<Path> extract(Path zip, Path directory) throws IOException {
        Set<String> symlinks = ZipCentralDirectory.symlinkNames(zip);
        Path root = directory.toAbsolutePath().normalize();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            List<ZipEntry> entries = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = file.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                check(entry.getName(), root, symlinks);
                entries.add(entry);
            }
            Files.createDirectories(root);
            Path realRoot = root.toRealPath();
            List<Path> written = new ArrayList<>();
            for (ZipEntry entry : entries) {
                Path target = realRoot.resolve(entry.getName()).normalize();
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    requireInside(target.toRealPath(), realRoot, entry.getName());
                    continue;
                }
                Files.createDirectories(target.getParent());
                // A directory already there may hold a link planted earlier: resolve and check again.
                requireInside(target.getParent().toRealPath(), realRoot, entry.getName());
                try (InputStream in = file.getInputStream(entry);
                     OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE,
                             StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    in.transferTo(out);
                }
                written.add(target);
            }
            return written;
        }
    }

    private static void check(String name, Path root, Set<String> symlinks) {
        if (symlinks.contains(name)) {
            throw new UnsafeZipException("the result holds a symbolic link '" + name + "'; refused, nothing extracted");
        }
        if (name.isEmpty() || name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")
                || name.indexOf('\0') >= 0) {
            throw new UnsafeZipException("the result holds an absolute path '" + name + "'; refused, nothing extracted");
        }
        for (String part : name.split("[/\\\\]")) {
            if (part.equals("..")) {
                throw new UnsafeZipException("the result holds a path leaving its directory '" + name
                        + "'; refused, nothing extracted");
            }
        }
        Path target = root.resolve(name).normalize();
        requireInside(target, root, name);
        if (target.equals(root) && !name.endsWith("/")) {
            throw new UnsafeZipException("the result entry '" + name + "' names the extraction directory itself; refused");
        }
    }

    private static void requireInside(Path path, Path root, String name) {
        if (!path.startsWith(root)) {
            throw new UnsafeZipException("the result entry '" + name + "' would be written outside " + root + "; refused");
        }
    }
}
