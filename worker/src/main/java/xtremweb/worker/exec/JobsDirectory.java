package xtremweb.worker.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory of one worker run under {@code path.tmpdir} that holds its jobs' private
 * directories. A worker killed with SIGKILL (the OOM killer, a power cut) cannot remove the
 * directories of the jobs it was running: with a {@code path.tmpdir} that outlives a reboot (the
 * .deb's /var/lib/xtremweb-worker/tmp) they piled up, other people's inputs and results included.
 * Its random name is recorded in the worker's home (locked to one worker), so the next start
 * removes exactly what the previous run left, and nothing of another worker sharing the tmpdir.
 */
public final class JobsDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(JobsDirectory.class);
    static final String RECORD = "jobs.dir";
    private static final String PREFIX = "xtremweb-jobs-";

    private JobsDirectory() {
    }

    /** Removes the previous run's directory, if any, and makes (and records) this run's. */
    public static Path prepare(Path tmpDir, Path home) throws IOException {
        Path record = home.resolve(RECORD);
        previous(record, tmpDir).ifPresent(JobsDirectory::removeLeftovers);
        Path dir = Directories.createPrivate(tmpDir, PREFIX);
        Path partial = home.resolve(RECORD + ".tmp");
        Files.writeString(partial, dir.toAbsolutePath() + "\n", StandardCharsets.UTF_8);
        Files.move(partial, record, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return dir;
    }

    /**
     * At an orderly stop: removes this run's directory if its jobs' directories are gone, so a
     * worker stopped for good leaves nothing in a shared /tmp; otherwise the next start removes it.
     */
    public static void removeIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // not empty yet (a job thread still removing its directory): the next start removes it
        }
    }

    /** The recorded directory, only if it is still one this worker made: a real directory of its kind in tmpDir. */
    private static Optional<Path> previous(Path record, Path tmpDir) throws IOException {
        if (!Files.isRegularFile(record)) {
            return Optional.empty();
        }
        Path dir = Path.of(Files.readString(record, StandardCharsets.UTF_8).strip());
        boolean ours = dir.getFileName() != null && dir.getFileName().toString().startsWith(PREFIX)
                && tmpDir.toAbsolutePath().equals(dir.getParent())
                && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS);
        return ours ? Optional.of(dir) : Optional.empty();
    }

    private static void removeLeftovers(Path dir) {
        try (var left = Files.list(dir)) {
            long count = left.count();
            Directories.deleteRecursively(dir);
            if (count > 0) {
                LOG.info("removed {} job director{} an earlier run of this worker left in {}", count, count == 1 ? "y" : "ies", dir);
            }
        } catch (IOException e) {
            LOG.warn("cannot remove {}, which an earlier run of this worker left: {}", dir, e.getMessage());
        }
    }
}
