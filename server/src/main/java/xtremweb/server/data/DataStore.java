package xtremweb.server.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 */
public final class DataStore {
    private final Path root;

    public DataStore(Path root) throws IOException {
        this.root = root;
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
     * stopped. A piece refused (longer than it announced) is taken back whole.
     */
    public long append(String uid, long offset, InputStream in) throws IOException {
        Path partial = partial(uid);
        try (var out = java.nio.channels.FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            out.position(offset);
            try {
                in.transferTo(java.nio.channels.Channels.newOutputStream(out));
            } catch (RuntimeException e) {
                out.truncate(offset);
                throw e;
            }
            return out.size();
        }
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
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), digest)) {
            size = in.transferTo(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return new Received(tmp, size, HexFormat.of().formatHex(digest.digest()));
    }

    public void accept(Received received, String uid) throws IOException {
        Path target = path(uid);
        Files.createDirectories(target.getParent());
        Files.move(received.file(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public void discard(Received received) throws IOException {
        Files.deleteIfExists(received.file());
    }

    public void delete(String uid) throws IOException {
        Files.deleteIfExists(path(uid));
        Files.deleteIfExists(partial(uid));
    }
}
