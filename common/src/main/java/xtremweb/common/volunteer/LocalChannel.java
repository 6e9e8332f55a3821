package xtremweb.common.volunteer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import com.fasterxml.jackson.core.JacksonException;

import xtremweb.common.config.XwConfig;
import xtremweb.common.json.Json;

/**
 * The directory {@code <path.home>/volunteer} where a worker and its owner's window talk: the worker
 * writes {@code status.json} and reads {@code control.json}, the window the other way round. Files
 * only, no network port: nobody but the owner (the directory is {@code rwx------}, the files
 * {@code rw-------}) can read what the worker runs or tell it to pause, and nothing listens for
 * strangers. Every file is written whole to a temporary file then renamed over the old one, so a
 * reader sees the old content or the new, never half of it.
 */
public final class LocalChannel {
    /** The worker's {@code path.home} when its configuration names none. */
    public static final String DEFAULT_WORKER_HOME = "var/worker";
    public static final String DIRECTORY = "volunteer";
    static final String STATUS = "status.json";
    static final String CONTROL = "control.json";
    /** A file this large is not ours: read no more of it. */
    private static final int MAX_BYTES = 256 * 1024;
    private final Path dir;

    public LocalChannel(Path dir) {
        this.dir = dir;
    }

    /** The channel of the worker whose home directory is {@code home}. */
    public static LocalChannel ofWorkerHome(Path home) {
        return new LocalChannel(home.resolve(DIRECTORY));
    }

    /** The channel of the worker that {@code workerConf} (its xtremweb.worker.conf) configures. */
    public static LocalChannel of(XwConfig workerConf) {
        return ofWorkerHome(workerConf.path("path.home", DEFAULT_WORKER_HOME));
    }

    public Path dir() {
        return dir;
    }

    public Path statusFile() {
        return dir.resolve(STATUS);
    }

    public Path controlFile() {
        return dir.resolve(CONTROL);
    }

    public void writeStatus(WorkerStatus status) throws IOException {
        write(statusFile(), status);
    }

    /** The worker's last status; empty when it never wrote one (never started with this home). */
    public Optional<WorkerStatus> readStatus() throws IOException {
        return read(statusFile(), WorkerStatus.class);
    }

    public void writeControl(OwnerControl control) throws IOException {
        write(controlFile(), control);
    }

    /** What the owner asked; empty when the owner never used the window. */
    public Optional<OwnerControl> readControl() throws IOException {
        return read(controlFile(), OwnerControl.class);
    }

    /** Creates the directory for its owner alone, or takes group and others' rights away from an existing one. */
    public void createPrivately() throws IOException {
        if (!posix()) {
            // Elsewhere (Windows) the directory inherits the worker home's access list.
            Files.createDirectories(dir);
            return;
        }
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    private void write(Path target, Object value) throws IOException {
        createPrivately();
        byte[] bytes = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
        Path temp = posix()
                ? Files.createTempFile(dir, "." + target.getFileName(), ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.write(temp, bytes);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private <T> Optional<T> read(Path file, Class<T> type) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (AccessDeniedException e) {
            throw new IOException("cannot read " + file + ": permission denied; only the user the worker runs as can read"
                    + " it (ls -ld " + dir + " shows who)", e);
        }
        if (bytes.length > MAX_BYTES) {
            throw new IOException(file + " is larger than " + MAX_BYTES / 1024 + " KiB: it is not a file the worker or its"
                    + " window wrote; remove it");
        }
        try {
            return Optional.of(Json.mapper().readValue(bytes, type));
        } catch (JacksonException e) {
            throw new IOException(file + " is not readable (" + e.getOriginalMessage() + "); remove it and it will be"
                    + " written again", e);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
