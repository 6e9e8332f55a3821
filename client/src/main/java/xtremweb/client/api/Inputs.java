package xtremweb.client.api;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A work's inputs as users name them: a local file (uploaded as a data), or the UID / {@code xw://} URI of
 * a data already on the server.
 */
public final class Inputs {
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private Inputs() {
    }

    /** The local file {@code value} names ({@code file:} URIs accepted), if there is one. */
    public static Optional<Path> localFile(String value) {
        try {
            Path path = value.startsWith("file:") ? Path.of(URI.create(value)) : Path.of(value);
            return Files.exists(path) ? Optional.of(path) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Uploads {@code value} if it names a local file, else takes it as a data UID; returns the data UID. */
    public static String stdinDataUid(Data data, String value) {
        if (ExternalData.isUri(value)) {
            return data.registerExternal(nameOf(value), "TEXT", null, null, value).uid();
        }
        Optional<Path> file = localFile(value);
        if (file.isPresent()) {
            return data.upload(file.get().getFileName().toString(), dataType(file.get()), null, null, file.get()).uid();
        }
        return Uids.parse(value).orElseThrow(() -> new IllegalArgumentException(
                "the job's standard input '" + value + "' is neither a readable file nor a data UID; give a file you can"
                        + " read, or the UID of a data on the server"));
    }

    /**
     * Like {@link #stdinDataUid} for a work's environment, which must be a zip: a directory or a
     * file that is not a zip is zipped first, as the manual says.
     */
    public static String envDataUid(Data data, String value) {
        if (ExternalData.isUri(value)) {
            return data.registerExternal(nameOf(value), "ZIP", null, null, value).uid();
        }
        Optional<Path> file = localFile(value);
        if (file.isEmpty()) {
            return Uids.parse(value).orElseThrow(() -> new IllegalArgumentException(
                    "the job's environment '" + value + "' is neither a readable file or directory nor a data UID; give a zip,"
                            + " a file or directory you can read, or the UID of a data on the server"));
        }
        Path source = file.get();
        String name = source.toAbsolutePath().normalize().getFileName() + (isZip(source) ? "" : ".zip");
        if (isZip(source)) {
            return data.upload(name, "ZIP", null, null, source).uid();
        }
        Path zip = zip(source);
        try {
            return data.upload(name, "ZIP", null, null, zip).uid();
        } finally {
            try {
                Files.deleteIfExists(zip);
            } catch (IOException e) {
                // a leftover temporary file is harmless
            }
        }
    }

    /** Whether {@code value} made the client create a data just for one work (a local file or a URI). */
    public static boolean createsData(String value) {
        return ExternalData.isUri(value) || localFile(value).isPresent();
    }

    /**
     * Inputs uploaded from local files (or registered from a URI) exist for the works just
     * submitted only: marked deleted now, the server keeps them while the works live and sweeps
     * them once those are erased. An input given as a data UID is left alone.
     */
    public static void releaseIfUploaded(Data data, String source, String uid) {
        if (source != null && uid != null && createsData(source)) {
            data.delete(uid);
        }
    }

    /** The last path segment of a URI, as a data name. */
    static String nameOf(String uri) {
        String path = URI.create(uri).getPath();
        String last = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        return last.isBlank() ? "data" : last;
    }

    /** The data type recorded for an uploaded file, from its name. */
    public static String dataType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".zip")) {
            return "ZIP";
        }
        if (name.endsWith(".txt") || name.endsWith(".text") || name.endsWith(".csv")) {
            return "TEXT";
        }
        return "BINARY";
    }

    static boolean isZip(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return java.util.Arrays.equals(head, ZIP_MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    /** Zips a file or a directory tree (paths relative to it) into a temporary file. */
    static Path zip(Path source) {
        try {
            Path zip = Files.createTempFile("xwenv", ".zip");
            Path base = Files.isDirectory(source) ? source : source.getParent() == null ? Path.of(".") : source.getParent();
            List<Path> files;
            try (Stream<Path> walk = Files.walk(source)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            // Buffered: the zip stream writes its headers a field or a byte at a time.
            try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(zip), 64 * 1024);
                 ZipOutputStream out = new ZipOutputStream(raw)) {
                for (Path f : files) {
                    out.putNextEntry(new ZipEntry(base.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot zip " + source + ": " + e.getMessage(), e);
        }
    }
}
