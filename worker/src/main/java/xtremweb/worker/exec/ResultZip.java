package xtremweb.worker.exec;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The result of a job as API.md defines it: {@code stdout.txt}, {@code stderr.txt}, then every
 * regular file the job created or modified in its scratch directory, under its relative path.
 */
public final class ResultZip {
    public static final String STDOUT = "stdout.txt";
    public static final String STDERR = "stderr.txt";
    private static final int BUFFER = 64 * 1024;

    private ResultZip() {
    }

    /**
     * What {@link #write} produced.
     *
     * @param names  the entries, in the zip's order
     * @param sha256 lowercase hexadecimal SHA-256 of the zip's bytes, as the upload declares it
     */
    public record Written(Set<String> names, String sha256) {
    }

    /**
     * Writes the zip to {@code target} (outside the scratch directory). Its SHA-256 is taken from the
     * bytes as they are written: reading the file back only to hash it cost every job another open
     * and read of its result.
     */
    public static Written write(Path scratch, ScratchSnapshot before, Path target) throws IOException {
        Path root = scratch.toAbsolutePath().normalize();
        Set<String> names = new LinkedHashSet<>();
        names.add(STDOUT);
        names.add(STDERR);
        names.addAll(before.changedFiles(root));
        Set<String> written = new LinkedHashSet<>();
        MessageDigest digest = sha256();
        // Buffered under the zip stream: it writes its headers a field or a byte at a time, which
        // unbuffered cost every job about two hundred write calls and as many digest updates.
        try (OutputStream out = new BufferedOutputStream(new DigestOutputStream(Files.newOutputStream(target), digest), BUFFER);
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String name : names) {
                Path file = root.resolve(name);
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                zip.putNextEntry(new ZipEntry(name));
                // NOFOLLOW: a process the job left behind could swap the file for a link meanwhile.
                try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
                written.add(name);
            }
        }
        return new Written(written, HexFormat.of().formatHex(digest.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
        }
    }
}
