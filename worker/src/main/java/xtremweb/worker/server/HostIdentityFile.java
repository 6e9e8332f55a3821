package xtremweb.worker.server;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code <path.home>/host.properties}: the host UID and token. The token is a credential, so the file
 * is created readable by the worker's user only (0600) before a byte is written.
 */
public final class HostIdentityFile {
    public static final String FILE_NAME = "host.properties";
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path file;

    public HostIdentityFile(Path home) {
        this.file = home.resolve(FILE_NAME);
    }

    public Path path() {
        return file;
    }

    public Optional<HostIdentity> load() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the host identity " + file + ": " + e.getMessage(), e);
        }
        String uid = properties.getProperty("hostUid");
        String token = properties.getProperty("hostToken");
        if (uid == null || uid.isBlank() || token == null) {
            return Optional.empty();
        }
        return Optional.of(new HostIdentity(uid.trim(), token.trim()));
    }

    public void save(HostIdentity identity) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = POSIX
                    ? Files.createTempFile(file.getParent(), "host", ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(file.getParent(), "host", ".tmp");
            Properties properties = new Properties();
            properties.setProperty("hostUid", identity.hostUid());
            properties.setProperty("hostToken", identity.hostToken());
            try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                properties.store(writer, "XtremWeb host identity: keep private; delete to register as a new host");
            }
            // Atomic so a crash never leaves a half-written identity (and a lost host UID).
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the host identity " + file + ": " + e.getMessage(), e);
        }
    }
}
