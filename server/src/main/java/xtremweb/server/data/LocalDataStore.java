package xtremweb.server.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xtremweb.server.user.Secrets;

/**
 * Data content in a directory (the default store, for one server): at {@code <home>/data/<first two chars of uid>/<uid>}. Uploads go to a
 * temporary file while their size and SHA-256 are computed, and are moved in place atomically.
 * Resumable uploads grow {@code <home>/data/partial/<uid>} piece by piece; its length is how much
 * arrived, so a restarted server still knows where an upload stopped.
 *
 * <p>Content reaches the disk before the row that points at it commits: a received file is
 * fsynced before it is accepted, and the directory that gains its name is fsynced after the
 * rename, so an acknowledged upload survives a power cut, not only a kill of the server.
 */
public final class LocalDataStore implements DataStore {
    private static final Logger LOG = LoggerFactory.getLogger(LocalDataStore.class);
    private static final String UID = "[0-9A-Za-z-]{2,64}";
    private static final String TEMP_PREFIX = "upload-";
    private static final String TEMP_SUFFIX = ".part";
    private final Path root;
    private final Fsync fsync;
    /**
     * Upload files (temp files and partials) that a request is writing or about to accept, with
     * how many requests hold each: housekeeping removes only those nobody holds, and decides it
     * under the same map entry, so it never deletes a file in use.
     */
    private final ConcurrentHashMap<Path, Integer> held = new ConcurrentHashMap<>();

    public LocalDataStore(Path root) throws IOException {
        this(root, Fsync.DISK);
    }

    LocalDataStore(Path root, Fsync fsync) throws IOException {
        this.root = root;
        this.fsync = fsync;
        Files.createDirectories(root.resolve("tmp"));
        Files.createDirectories(root.resolve("partial"));
    }

    /** Content received into a file (a temp file, or a resumable upload's partial) and not yet accepted. */
    public record TempFile(Path file, long size, String sha256) implements Received {
    }

    public Path path(String uid) {
        if (!uid.matches(UID)) {
            throw new IllegalArgumentException("bad data uid '" + uid + "'");
        }
        return root.resolve(uid.substring(0, 2)).resolve(uid);
    }

    /** Where the pieces of a resumable upload accumulate. */
    public Path partial(String uid) {
        return root.resolve("partial").resolve(path(uid).getFileName());
    }

    /**
     * Bytes of a resumable upload received so far (0 when none started). Once the last piece is
     * in, the file is renamed into place before its row says so: a server killed in between
     * leaves the whole content there and no partial, which counts as all received.
     */
    @Override
    public long received(String uid) throws IOException {
        Path file = resumable(uid);
        return Files.exists(file) ? Files.size(file) : 0;
    }

    /** The partial file, or the content already renamed into place when there is no partial. */
    private Path resumable(String uid) {
        Path partial = partial(uid);
        Path content = path(uid);
        return !Files.exists(partial) && Files.exists(content) ? content : partial;
    }

    /**
     * Appends a piece to the partial file; the caller checked that {@code offset} is where it ends.
     * A piece cut short by the network stays: the next one starts where it stopped. A piece refused
     * (longer than it announced) is taken back whole by truncating the file.
     */
    @Override
    public Appended append(String uid, long offset, InputStream in) throws IOException {
        Path partial = partial(uid);
        MessageDigest digest = offset == 0 ? Secrets.digest() : null;
        hold(partial);
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
            return new Appended(size, digest == null ? null : new TempFile(partial, size, HexFormat.of().formatHex(digest.digest())));
        } finally {
            release(partial);
        }
    }

    /** A completed resumable upload, hashed from disk (the pieces came in separate requests). */
    @Override
    public TempFile completed(String uid) throws IOException {
        Path partial = resumable(uid);
        MessageDigest digest = Secrets.digest();
        long size = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(partial)) {
            for (int n; (n = in.read(buffer)) > 0; size += n) {
                digest.update(buffer, 0, n);
            }
        }
        return new TempFile(partial, size, HexFormat.of().formatHex(digest.digest()));
    }

    /**
     * Streams a body into a new temp file, hashing it on the way. The file stays held (safe from
     * housekeeping) until it is accepted or discarded. The uid is not needed yet: the file takes
     * its name on {@link #accept}.
     */
    @Override
    public TempFile receive(String uid, InputStream in) throws IOException {
        Path tmp = root.resolve("tmp").resolve(TEMP_PREFIX + UUID.randomUUID() + TEMP_SUFFIX);
        hold(tmp);
        MessageDigest digest = Secrets.digest();
        long size;
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            size = in.transferTo(new DigestOutputStream(Channels.newOutputStream(channel), digest));
            fsync.file(channel, tmp);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            release(tmp);
            throw e;
        }
        return new TempFile(tmp, size, HexFormat.of().formatHex(digest.digest()));
    }

    @Override
    public void accept(Received content, String uid) throws IOException {
        TempFile received = (TempFile) content;
        Path target = path(uid);
        // createDirectories throws (and catches) an exception per existing level: at thousands of
        // results a second, look first.
        if (!Files.isDirectory(target.getParent())) {
            Files.createDirectories(target.getParent());
            fsync.directory(root);
        }
        if (!received.file().equals(target)) {
            Files.move(received.file(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        release(received.file());
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

    @Override
    public void discard(Received content) throws IOException {
        TempFile received = (TempFile) content;
        try {
            Files.deleteIfExists(received.file());
        } finally {
            release(received.file());
        }
    }

    /** The partial files of resumable uploads. */
    @Override
    public List<Partial> partials() throws IOException {
        List<Partial> partials = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(root.resolve("partial"))) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                try {
                    partials.add(new Partial(name.matches(UID) ? name : null, Files.getLastModifiedTime(file).toInstant()));
                } catch (NoSuchFileException e) {
                    // Completed or removed meanwhile.
                }
            }
        }
        return partials;
    }

    @Override
    public boolean removePartialIfIdle(Partial partial) {
        return removeIfIdle(partial.uid() == null ? null : partial(partial.uid()));
    }

    /**
     * Removes the temp files of plain uploads and results that no request holds, however recent:
     * only this server writes this directory, and it knows which files its requests hold.
     */
    @Override
    public int removeAbandonedTemps(Instant idleSince) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(root.resolve("tmp"))) {
            for (Path file : files) {
                if (removeIfIdle(file)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    /** Garbage in the partial directory (a name that is no uid) goes as well. */
    @Override
    public int removeStrayPartials() throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(root.resolve("partial"))) {
            for (Path file : files) {
                if (!file.getFileName().toString().matches(UID) && removeIfIdle(file)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    private boolean removeIfIdle(Path file) {
        if (file == null) {
            return false;
        }
        boolean[] removed = {false};
        held.compute(file, (path, holders) -> {
            if (holders == null) {
                try {
                    removed[0] = Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOG.warn("could not remove the abandoned upload file {}: {}", path, e.getMessage());
                }
            }
            return holders;
        });
        return removed[0];
    }

    private void hold(Path file) {
        held.merge(file, 1, Integer::sum);
    }

    private void release(Path file) {
        held.computeIfPresent(file, (path, holders) -> holders == 1 ? null : holders - 1);
    }

    @Override
    public InputStream read(String uid, long first, long length) throws IOException {
        FileChannel channel = FileChannel.open(path(uid), StandardOpenOption.READ);
        try {
            return Channels.newInputStream(channel.position(first));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void delete(String uid) throws IOException {
        Files.deleteIfExists(path(uid));
        Files.deleteIfExists(partial(uid));
    }

    /** Room left on the data disk, -1 when it cannot be told. */
    @Override
    public long usableBytes() {
        try {
            return Files.getFileStore(root).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public String unwritable() {
        return "data disk (read-only or not permitted)";
    }
}
