package xtremweb.worker.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import xtremweb.common.wire.InputRef;

/**
 * {@code <path.home>/cache/<sha256>}: every file in it was verified (size and SHA-256) before it was
 * moved in, atomically, so a name in the cache always holds exactly those bytes. Jobs never write to
 * it: binaries are copied out and stdin is opened read-only.
 */
public final class InputCache {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** How a download being made is named: {@code <sha256><random>.part}, never a cached name. */
    private static final String PART = ".part";

    /** Writes the bytes of one input to {@code target} (a download, in production). */
    @FunctionalInterface
    public interface Fetcher {
        void fetch(Path target) throws IOException;
    }

    private final Path dir;
    /** One lock per content so two jobs needing the same binary download it once. */
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

    public InputCache(Path dir) throws IOException {
        this.dir = xtremweb.worker.exec.Directories.ownerOnly(dir);
        // Downloads a killed worker was making (its finally never ran): each held up to a whole
        // input of the volunteer's disk, for ever. Only this worker uses its home (it is locked).
        try (java.nio.file.DirectoryStream<Path> parts = Files.newDirectoryStream(this.dir, "*" + PART)) {
            for (Path part : parts) {
                Files.deleteIfExists(part);
            }
        }
    }

    public Path dir() {
        return dir;
    }

    /** The verified cached file of {@code ref}, fetched first if the cache does not hold it yet. */
    public Path get(InputRef ref, Fetcher fetcher) throws IOException {
        String sha256 = ref.sha256() == null ? "" : ref.sha256().toLowerCase(Locale.ROOT);
        // Also what keeps a hostile server from naming a path outside the cache.
        if (!SHA256.matcher(sha256).matches()) {
            throw new InputRejectedException("input '" + ref.name() + "' (data " + ref.dataUid()
                    + ") comes without a valid SHA-256, so it cannot be verified");
        }
        Path cached = dir.resolve(sha256);
        synchronized (locks.computeIfAbsent(sha256, k -> new Object())) {
            if (Files.isRegularFile(cached) && Files.size(cached) == ref.size()) {
                return cached;
            }
            long free = Files.getFileStore(dir).getUsableSpace();
            if (ref.size() > free) {
                // Said before a byte is written, as the full disk it would end in (the task is given
                // back): a size anybody may record for a URI of theirs filled the volunteer's disk first.
                throw new java.nio.file.FileSystemException(dir.toString(), null, "No space left on device (input '"
                        + ref.name() + "' is " + ref.size() + " bytes, " + free + " are free)");
            }
            Path partial = Files.createTempFile(dir, sha256, PART);
            try {
                fetcher.fetch(partial);
                verify(partial, ref, sha256);
                Files.move(partial, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return cached;
            } finally {
                Files.deleteIfExists(partial);
            }
        }
    }

    private static void verify(Path file, InputRef ref, String expectedSha256) throws IOException {
        long size = Files.size(file);
        if (size != ref.size()) {
            throw new InputRejectedException("input '" + ref.name() + "' (data " + ref.dataUid() + ") has " + size
                    + " bytes, the server declared " + ref.size());
        }
        String actual = sha256(file);
        if (!actual.equals(expectedSha256)) {
            throw new InputRejectedException("input '" + ref.name() + "' (data " + ref.dataUid() + ") has SHA-256 "
                    + actual + ", the server declared " + expectedSha256);
        }
    }

    /** Lowercase hexadecimal SHA-256 of a file, streamed. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
