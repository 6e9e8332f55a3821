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
 *
 * <p>An archive may also not expand beyond {@link #limitFor its limit}: a few megabytes of zeros
 * inflate to gigabytes (a zip bomb) and would fill the volunteer's or the scientist's disk. The
 * sizes the archive declares are checked first; the bytes actually written are counted as well,
 * since declared sizes can lie, and what was written is removed if the count passes the limit.
 */
public final class SafeUnzip {
    /** Any archive may expand to this much, however small it is. */
    static final long FLOOR = 1L << 30;
    /** Beyond the floor, an archive may expand to this many times its own size. */
    static final int RATIO = 100;

    private SafeUnzip() {
    }

    /**
     * The most an archive of {@code zipBytes} may expand to: 1 GiB, or 100 times its size when that
     * is more. Real results and inputs compress far less than 100 to 1; zip bombs far more.
     */
    public static long limitFor(long zipBytes) {
        return Math.max(FLOOR, zipBytes > Long.MAX_VALUE / RATIO ? Long.MAX_VALUE : zipBytes * RATIO);
    }

    /** Unpacks {@code zip} into {@code dir} (created if needed) within {@link #limitFor its limit}; returns the files written. */
    public static List<Path> unpack(Path zip, Path dir) throws IOException {
        return unpack(zip, dir, limitFor(Files.size(zip)));
    }

    /** The same, expanding to at most {@code maxBytes} in all. */
    static List<Path> unpack(Path zip, Path dir, long maxBytes) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        ZipCentralDirectory central = ZipCentralDirectory.read(zip);
        if (!central.symlinks().isEmpty()) {
            throw new UnsafeArchiveException("the archive holds a symbolic link '" + central.symlinks().get(0)
                    + "'; archives with links are refused, nothing was unpacked");
        }
        try (ZipFile file = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            List<? extends ZipEntry> entries = Collections.list(file.entries());
            long declared = 0;
            java.util.Map<Path, String> files = new java.util.HashMap<>();
            for (ZipEntry entry : entries) {
                Path target = target(root, entry.getName());
                if (!entry.isDirectory() && !target.equals(root)) {
                    files.putIfAbsent(target, entry.getName());
                }
                declared += Math.max(0, entry.getSize());
                if (declared > maxBytes) {
                    throw tooBig(zip, maxBytes);
                }
            }
            requireNoFileAsDirectory(root, entries, files);
            Files.createDirectories(root);
            Path realRoot = root.toRealPath();
            List<Path> written = new ArrayList<>();
            long left = maxBytes;
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
                written.add(target);
                try (InputStream in = file.getInputStream(entry);
                     OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE,
                             StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    left = copyAtMost(in, out, left);
                }
                if (left < 0) {
                    // It lied about its sizes: take back what it wrote.
                    for (Path w : written) {
                        Files.deleteIfExists(w);
                    }
                    throw tooBig(zip, maxBytes);
                }
                if (central.executables().contains(entry.getName())) {
                    target.toFile().setExecutable(true, true);
                }
            }
            return written;
        }
    }

    /** Copies until the end of {@code in} or past {@code left} bytes; returns what is left, negative when passed. */
    private static long copyAtMost(InputStream in, OutputStream out, long left) throws IOException {
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
            if (n > left) {
                return -1;
            }
            out.write(buffer, 0, n);
            left -= n;
        }
        return left;
    }

    private static UnsafeArchiveException tooBig(Path zip, long maxBytes) throws IOException {
        return new UnsafeArchiveException("the archive expands to more than " + maxBytes + " bytes (" + RATIO
                + " times its " + Files.size(zip) + " bytes, or 1 GiB); it is refused as a zip bomb, nothing was unpacked");
    }

    /**
     * Refuses an archive holding a file and, below the same name, other entries ({@code a} and
     * {@code a/b}): one of them cannot be written, and the failure would otherwise come half way
     * through, as a bare path of the machine unpacking it.
     */
    private static void requireNoFileAsDirectory(Path root, List<? extends ZipEntry> entries, java.util.Map<Path, String> files)
            throws UnsafeArchiveException {
        for (ZipEntry entry : entries) {
            Path target = target(root, entry.getName());
            for (Path up = target.getParent(); up != null && up.startsWith(root) && !up.equals(root); up = up.getParent()) {
                String file = files.get(up);
                if (file != null) {
                    throw new UnsafeArchiveException("the archive has an entry '" + entry.getName() + "' below '" + file
                            + "', which it also holds as a file; nothing was unpacked");
                }
            }
            if (entry.isDirectory() && files.containsKey(target)) {
                throw new UnsafeArchiveException("the archive holds '" + files.get(target)
                        + "' both as a file and as a directory; nothing was unpacked");
            }
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
