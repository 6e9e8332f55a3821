package xtremweb.worker.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import xtremweb.common.config.ConfigException;

/**
 * The one worker that uses a {@code path.home}. Two workers on one home share its host identity:
 * the server takes them for one host, so the stop of one (its goodbye) re-queued the works the
 * other was running and ended its session, and they then registered new hosts in turn, each
 * overwriting the other's identity. The lock is the operating system's: it goes with the process,
 * however the process ends, so a killed worker leaves nothing to clean up.
 */
public final class HomeLock implements AutoCloseable {
    static final String FILE = "worker.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private HomeLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code home} for this process until {@link #close()} or the process ends.
     *
     * @throws ConfigException naming the home, the file to fix and the other worker's pid when
     *                         another worker holds it
     */
    public static HomeLock acquire(Path home, String configSource) throws IOException {
        Files.createDirectories(home);
        Path file = home.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very process
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new ConfigException("path.home " + home + " (in " + configSource + ") is in use by another worker"
                    + holder(file) + "; each worker of a machine needs its own path.home, and host.name to tell them apart"
                    + " (README, \"Several workers on one machine\")");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
        channel.force(false);
        return new HomeLock(channel, lock);
    }

    private static String holder(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return pid.matches("[0-9]{1,10}") ? " (pid " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
