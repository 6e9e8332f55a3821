package xtremweb.server.user;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xtremweb.common.model.UserRights;
import xtremweb.server.db.Jdbc;

/**
 * Creates the first accounts of an empty database, {@code admin} (SUPER_USER) and {@code worker}
 * (WORKER_USER), with random passwords written once to a file only the server's user can read.
 * There are no default credentials anywhere.
 */
public final class FirstStart {
    private static final Logger LOG = LoggerFactory.getLogger(FirstStart.class);
    private final Jdbc jdbc;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final Clock clock;

    public FirstStart(Jdbc jdbc, UserRepository users, PasswordHasher hasher, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.hasher = hasher;
        this.clock = clock;
    }

    /** Returns true when the accounts were created and {@code credentials} written. */
    public boolean createAccountsIfEmpty(Path credentials, String serverUrl, Path certificate) throws IOException {
        String adminPassword = Secrets.random(24);
        String workerPassword = Secrets.random(24);
        String adminHash = hasher.hash(adminPassword);
        String workerHash = hasher.hash(workerPassword);
        boolean created = jdbc.tx("create the first accounts", c -> {
            if (users.count(c) > 0) {
                return false;
            }
            users.insert(c, new UserRow(UUID.randomUUID().toString(), "admin", adminHash, null, UserRights.SUPER_USER, null, clock.instant()));
            users.insert(c, new UserRow(UUID.randomUUID().toString(), "worker", workerHash, null, UserRights.WORKER_USER, null, clock.instant()));
            return true;
        });
        if (created) {
            writePrivately(credentials, "# XtremWeb first-start accounts. Written once; change or remove them as you see fit.\n"
                    + "admin.login=admin\nadmin.password=" + adminPassword + "\n"
                    + "worker.login=worker\nworker.password=" + workerPassword + "\n"
                    + "server.url=" + serverUrl + "\n"
                    + "server.certificate=" + escape(certificate.toAbsolutePath().toString()) + "\n");
            LOG.info("first start: created accounts admin and worker; their passwords are in {}", credentials);
        }
        return created;
    }

    private static String escape(String path) {
        return path.replace("\\", "\\\\");
    }

    /** Creates the file with owner-only permissions before any secret is written to it. */
    public static void writePrivately(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
            w.write(content);
        }
    }
}
