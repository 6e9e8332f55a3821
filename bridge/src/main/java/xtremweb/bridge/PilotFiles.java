package xtremweb.bridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xtremweb.common.wire.PilotGrant;

/**
 * One directory per submission under {@code path.home/pilots}: the grant (readable by the bridge's
 * user only, the user the pilots run as, and hidden from the works they run), the pilots'
 * configuration and the job script; it goes once the batch system no longer knows its array. The
 * pilots' output goes to {@code path.home/logs}, and they work in {@code path.home/scratch} unless
 * the site gives jobs a scratch directory ({@code SLURM_TMPDIR}). The cluster's nodes must see
 * {@code path.home} (a shared file system, like the installation).
 */
final class PilotFiles {
    private static final Logger LOG = LoggerFactory.getLogger(PilotFiles.class);
    static final String ARRAY_FILE = "array-id";
    // A directory without array id is a submission in progress, or one that failed: kept this long.
    private static final Duration UNSUBMITTED_KEPT = Duration.ofMinutes(10);
    private final BridgeConfig config;
    private final Path root;

    PilotFiles(BridgeConfig config) {
        this.config = config;
        this.root = config.home().resolve("pilots");
    }

    Path logs() throws IOException {
        return Files.createDirectories(config.home().resolve("logs"));
    }

    Path scratch() throws IOException {
        return Files.createDirectories(config.home().resolve("scratch"));
    }

    /** Writes a new submission's files; returns its directory. */
    Path prepare(PilotGrant grant) throws IOException {
        Files.createDirectories(root);
        Path dir = Files.createDirectory(root.resolve(Instant.now().getEpochSecond() + "-" + UUID.randomUUID().toString().substring(0, 8)),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path grantFile = privateFile(dir.resolve("grant"), grant.token() + "\n");
        privateFile(dir.resolve("pilot.conf"), String.join("\n",
                "# Written by the bridge for the pilots of one submission (xtremweb.worker pilot reads it).",
                "dispatcher.servers=" + config.server().host(),
                "port.https=" + config.server().port(),
                "path.certfile=" + config.server().certFile().toAbsolutePath(),
                "pilot.grantfile=" + grantFile,
                "pilot.cluster=" + config.cluster(),
                "pilot.lifetime=" + config.lifetime().toSeconds(),
                "pilot.idle=" + config.idle().toSeconds(),
                "pilot.drain=" + config.drain().toSeconds(),
                "pilot.giveback=" + config.giveBack().toSeconds(),
                "job.timeout=" + config.jobTimeout().toSeconds(),
                "sandbox.enable=" + config.sandbox(), ""));
        Path script = dir.resolve("pilot.sh");
        Files.writeString(script, String.join("\n",
                "#!/bin/sh",
                "# An XtremWeb pilot: the worker in pilot mode, in place of this shell so that Slurm's signals reach it.",
                "# Slurm's warning (USR1) is ignored until the pilot handles it: by default it would kill the starting JVM.",
                "trap '' USR1",
                "XW_HOME='" + installDir() + "'",
                "export XW_HOME",
                "exec \"$XW_HOME/bin/xtremweb.worker\" pilot --xwconfig '" + dir.resolve("pilot.conf") + "'", ""),
                StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return dir;
    }

    /** Records which array a directory's pilots are. */
    void submitted(Path dir, String arrayId) throws IOException {
        Files.writeString(dir.resolve(ARRAY_FILE), arrayId + "\n", StandardCharsets.UTF_8);
    }

    /** Removes the directories of arrays the batch system no longer lists; returns how many. */
    int removeEnded(Set<String> liveArrays) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                Path array = dir.resolve(ARRAY_FILE);
                boolean ended = Files.exists(array)
                        ? !liveArrays.contains(Files.readString(array, StandardCharsets.UTF_8).strip())
                        : Files.getLastModifiedTime(dir).toInstant().isBefore(Instant.now().minus(UNSUBMITTED_KEPT));
                if (ended) {
                    deleteTree(dir);
                    removed++;
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot clean the pilots' directories under {}: {}", root, e.getMessage());
        }
        return removed;
    }

    private static Path privateFile(Path file, String content) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static Path installDir() {
        String env = System.getenv("XW_HOME");
        return (env != null && !env.isBlank() ? Path.of(env) : Path.of("")).toAbsolutePath();
    }

    List<Path> directories() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }
}
