package xtremweb.server.logging;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

/**
 * The access log's file, bounded on disk: once it would pass {@code maxBytes} it becomes
 * {@code access.log.1} (the older ones move to {@code .2} ... {@code .KEEP}, the oldest is deleted)
 * and a new {@code access.log} starts. Every client can add lines (one per request), so a log
 * that only grows would fill the server's disk in time; the file keeps its documented name, so
 * {@code tail -f} and scripts still find it. Each line is written and flushed as it comes, as
 * Jetty's own writer does: a server killed at any moment keeps every line before it.
 */
public final class BoundedLogFile extends AbstractLifeCycle implements RequestLog.Writer {
    /** Rotated files kept beside the live one. */
    public static final int KEEP = 5;

    private final Path file;
    private final long maxBytes;
    private OutputStream out;
    private long size;

    public BoundedLogFile(Path file, long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("an access log of at most " + maxBytes + " bytes");
        }
        this.file = file;
        this.maxBytes = maxBytes;
    }

    @Override
    public synchronized void write(String line) throws IOException {
        byte[] bytes = (line + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
        if (out == null) {
            open();
        }
        if (size > 0 && size + bytes.length > maxBytes) {
            rotate();
        }
        out.write(bytes);
        out.flush();
        size += bytes.length;
    }

    private void open() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        size = Files.size(file);
    }

    private void rotate() throws IOException {
        out.close();
        out = null;
        Files.deleteIfExists(numbered(KEEP));
        for (int i = KEEP - 1; i >= 1; i--) {
            if (Files.exists(numbered(i))) {
                Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
        open();
    }

    private Path numbered(int i) {
        return file.resolveSibling(file.getFileName() + "." + i);
    }

    @Override
    protected synchronized void doStop() throws Exception {
        if (out != null) {
            out.close();
            out = null;
        }
        super.doStop();
    }
}
