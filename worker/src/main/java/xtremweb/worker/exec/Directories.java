package xtremweb.worker.exec;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Private directories for one job, and their removal however the job left them. */
public final class Directories {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private Directories() {
    }

    /** A fresh directory {@code <parent>/<prefix><random>}, readable by the worker's user only (0700). */
    public static Path createPrivate(Path parent, String prefix) throws IOException {
        Files.createDirectories(parent);
        return POSIX
                ? Files.createTempDirectory(parent, prefix, PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempDirectory(parent, prefix);
    }

    /**
     * {@code dir}, created if missing and made readable by the worker's user only (0700) even if it
     * existed: what the worker keeps there (inputs and binaries of other people's jobs, results not
     * yet uploaded) is no business of the machine's other users.
     */
    public static Path ownerOnly(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (POSIX) {
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
        }
        return dir;
    }

    /**
     * Removes a tree without following links (a job may leave a link to {@code /}); directories are
     * made writable first because a job may have chmod-ed them read-only.
     */
    public static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (POSIX) {
                    Files.setPosixFilePermissions(dir, OWNER_ONLY);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
