package xtremweb.server.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import xtremweb.server.user.Secrets;

/**
 * Data content on disk, at {@code <home>/data/<first two chars of uid>/<uid>}. Uploads go to a
 * temporary file while their size and SHA-256 are computed, and are moved in place atomically.
 */
public final class DataStore {
    private final Path root;

    public DataStore(Path root) throws IOException {
        this.root = root;
        Files.createDirectories(root.resolve("tmp"));
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
    }
}
