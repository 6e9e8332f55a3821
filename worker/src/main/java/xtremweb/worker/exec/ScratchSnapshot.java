package xtremweb.worker.exec;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The regular files of a scratch directory with their modification time and size, taken before the
 * job starts, so the result holds only what the job created or modified (not the unpacked inputs).
 * Links are never followed: a job could point one at the worker's own files.
 */
public final class ScratchSnapshot {
    private record Stamp(FileTime modified, long size) {
    }

    private final Map<String, Stamp> files;

    private ScratchSnapshot(Map<String, Stamp> files) {
        this.files = Map.copyOf(files);
    }

    public static ScratchSnapshot take(Path dir) throws IOException {
        return new ScratchSnapshot(scan(dir));
    }

    /** Files (relative, {@code /}-separated, sorted) that are new or changed since the snapshot. */
    public List<String> changedFiles(Path dir) throws IOException {
        return scan(dir).entrySet().stream()
                .filter(e -> !Objects.equals(files.get(e.getKey()), e.getValue()))
                .map(Map.Entry::getKey)
                .toList();
    }

    private static Map<String, Stamp> scan(Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        Map<String, Stamp> found = new TreeMap<>();
        Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    found.put(relative(root, file), new Stamp(attrs.lastModifiedTime(), attrs.size()));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // a job may leave unreadable entries; skip them
            }
        });
        return found;
    }

    static String relative(Path root, Path file) {
        StringBuilder name = new StringBuilder();
        for (Path part : root.relativize(file)) {
            if (!name.isEmpty()) {
                name.append('/');
            }
            name.append(part);
        }
        return name.toString();
    }
}
