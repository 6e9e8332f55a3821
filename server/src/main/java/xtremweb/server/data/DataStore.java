package xtremweb.server.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import xtremweb.server.user.Secrets;

/**
 * Data content on disk, at {@code <home>/data/<first two chars of uid>/<uid>}. Uploads go to a
 * temporary file while their size and SHA-256 are computed, and are moved in place atomically.
 * Resumable uploads grow {@code <home>/data/partial/<uid>} piece by piece; its length is how much
 * arrived, so a restarted server still knows where an upload stopped.
 *
 * <p>Content reaches the disk before the row that points at it commits: a received file is
 * fsynced before it is accepted, and the directory that gains its name is fsynced after the
 * rename, so an acknowledged upload survives a power cut, not only a kill of the server.
 */
public final class DataStore {
    private final Path root;
    private final Fsync fsync;

    public DataStore(Path root) throws IOException {
        this(root, Fsync.DISK);
    }

    DataStore(Path root, Fsync fsync) throws IOException {
        this.root = root;
        this.fsync = fsync;
        Files.createDirectories(root.resolve("tmp"));
        Files.createDirectories(root.resolve("partial"));
    }

    /** Content received but not yet accepted. */
    public record Received(Path file, long size, String sha256) {
    }

    public Path path(String uid) {
        if (!uid.matches("[0-9A-Za-z-]{2,64}")) {
            throw new IllegalArgumentException("bad data uid '" + uid + "'");
        }
        return root.resolve(uid.substring(0, 2)).resolve(uid);
    }

    /** Where the pieces of a resumable upload accumulate. */
    public Path partial(String uid) {
        return root.resolve("partial").resolve(path(uid).getFileName());
    }

    /** Bytes of a resumable upload received so far (0 when none started). */
    public long received(String uid) throws IOException {
        Path partial = partial(uid);
        return Files.exists(partial) ? Files.size(partial) : 0;
    }

    /**
     * Appends a piece to a resumable upload; the caller checked that {@code offset} is where the
     * partial file ends. A piece cut short by the network stays: the next one starts where it
     * stopped. A piece refused (longer than it announced) is taken back whole. A piece from byte 0
     * is hashed on the way, so a file sent whole in one piece is not read twice.
     */
    public Appended append(String uid, long offset, InputStream in) throws IOException {
        Path partial = partial(uid);
        MessageDigest digest = offset == 0 ? Secrets.digest() : null;
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.truncate(offset);
            channel.position(offset);
            OutputStream out = Channels.newOutputStream(channel);
            try {
                in.transferTo(digest == null ? out : new DigestOutputStream(out, digest));
            } catch (RuntimeException e) {
                channel.truncate(offset);
                throw e;
            }
            // What upload-offset answers must be on the disk: after a power cut the client resumes from it.
            fsync.file(channel, partial);
            long size = channel.size();
            if (offset == 0) {
                fsync.directory(partial.getParent());
            }
            return new Appended(size, digest == null ? null : new Received(partial, size, HexFormat.of().formatHex(digest.digest())));
        }
    }

    /** The partial file's new size, and its hash when this piece made it whole from byte 0. */
    public record Appended(long size, Received whole) {
    }

    /** A completed resumable upload, hashed from disk (the pieces came in separate requests). */
    public Received completed(String uid) throws IOException {
        Path partial = partial(uid);
        MessageDigest digest = Secrets.digest();
        long size = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(partial)) {
            for (int n; (n = in.read(buffer)) > 0; size += n) {
                digest.update(buffer, 0, n);
            }
        }
        return new Received(partial, size, HexFormat.of().formatHex(digest.digest()));
    }

    public Received receive(InputStream in) throws IOException {
        Path tmp = Files.createTempFile(root.resolve("tmp"), "upload-", ".part");
        MessageDigest digest = Secrets.digest();
        long size;
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            size = in.transferTo(new DigestOutputStream(Channels.newOutputStream(channel), digest));
            fsync.file(channel, tmp);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return new Received(tmp, size, HexFormat.of().formatHex(digest.digest()));
    }

    public void accept(Received received, String uid) throws IOException {
        Path target = path(uid);
        // createDirectories throws (and catches) an exception per existing level: at thousands of
        // results a second, look first.
        if (!Files.isDirectory(target.getParent())) {
            Files.createDirectories(target.getParent());
            fsync.directory(root);
        }
        Files.move(received.file(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsync.directory(target.getParent());
    }

    /** Forcing written bytes and directory entries to the disk (a seam so a test can see the order). */
    interface Fsync {
        Fsync DISK = new Fsync() {
        };

        default void file(FileChannel channel, Path file) throws IOException {
            channel.force(false);
        }

        /**
         * Makes a directory's entries (a file created or renamed into it) durable. Linux and macOS
         * allow fsync on a directory; where the platform refuses (Windows), its file system
         * journals renames itself and there is nothing more to do.
         */
        default void directory(Path directory) throws IOException {
            try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
                channel.force(true);
            } catch (java.nio.file.AccessDeniedException | UnsupportedOperationException e) {
                // Windows: a directory cannot be opened as a channel.
            }
        }
    }

    public void discard(Received received) throws IOException {
        Files.deleteIfExists(received.file());
    }

    public void delete(String uid) throws IOException {
        Files.deleteIfExists(path(uid));
        Files.deleteIfExists(partial(uid));
    }

    /** Room left on the data disk, -1 when it cannot be told. */
    long usableBytes() {
        try {
            return Files.getFileStore(root).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }
}
