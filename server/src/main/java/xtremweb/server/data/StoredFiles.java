package xtremweb.server.data;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Stored content as files, for readers that need random access (result certification's
 * comparators open zips). A local data directory gives its own files; an object store's content
 * is streamed once into a private directory and kept there a little while, since a work's copies
 * are compared again as each new one arrives. Evicted copies are deleted; the directory is
 * emptied at start.
 */
public final class StoredFiles implements Function<String, Path> {
    private static final int KEPT = 256;
    private static final Duration IDLE = Duration.ofMinutes(10);

    private final DataStore store;
    private final Path directory;
    private final Cache<String, Path> copies;

    private StoredFiles(DataStore store, Path directory) {
        this.store = store;
        this.directory = directory;
        this.copies = Caffeine.newBuilder().maximumSize(KEPT).expireAfterAccess(IDLE)
                .<String, Path>removalListener((uid, file, cause) -> deleteQuietly(file)).build();
    }

    /** The files of {@code store}'s content: its own for a local directory, copies under {@code directory} otherwise. */
    public static Function<String, Path> of(DataStore store, Path directory) throws IOException {
        if (store instanceof LocalDataStore local) {
            return local::path;
        }
        Files.createDirectories(directory);
        try (Stream<Path> left = Files.list(directory)) {
            left.forEach(StoredFiles::deleteQuietly); // copies a stopped server left behind
        }
        return new StoredFiles(store, directory);
    }

    @Override
    public Path apply(String dataUid) {
        return copies.get(dataUid, this::copy);
    }

    private Path copy(String dataUid) {
        try {
            Path file = Files.createTempFile(directory, "content-", ".copy");
            try (InputStream in = store.read(dataUid, 0, Long.MAX_VALUE)) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | RuntimeException e) {
                deleteQuietly(file);
                throw e;
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read data " + dataUid + " from the data store", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // a leftover is removed at the next start
        }
    }
}
