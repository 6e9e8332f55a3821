package xtremweb.worker.task;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Results not yet accepted by the server, kept under the worker's home ({@code <home>/pending}) so
 * a failed upload is retried, also after the worker restarts: {@code <task>.zip} and
 * {@code <task>.properties} (exit code, SHA-256, whether the zip was already uploaded and only the
 * status report is missing).
 */
final class PendingResults {
    private final Path dir;

    PendingResults(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    /** One result waiting to reach the server. */
    record Pending(String taskUid, Path zip, String sha256, int exitCode, boolean uploaded) {
    }

    /** Moves the result zip into safe keeping before the first upload attempt. */
    Pending keep(String taskUid, Path zip, String sha256, int exitCode) throws IOException {
        Path kept = dir.resolve(taskUid + ".zip");
        Files.move(zip, kept, StandardCopyOption.REPLACE_EXISTING);
        Pending pending = new Pending(taskUid, kept, sha256, exitCode, false);
        write(pending);
        return pending;
    }

    void uploaded(Pending pending) throws IOException {
        write(new Pending(pending.taskUid(), pending.zip(), pending.sha256(), pending.exitCode(), true));
    }

    void done(String taskUid) throws IOException {
        Files.deleteIfExists(dir.resolve(taskUid + ".properties"));
        Files.deleteIfExists(dir.resolve(taskUid + ".zip"));
    }

    /** Every result a previous run left behind, oldest file name order. */
    List<Pending> all() throws IOException {
        List<Pending> all = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.properties")) {
            for (Path file : files) {
                Properties p = new Properties();
                try (Reader reader = Files.newBufferedReader(file)) {
                    p.load(reader);
                }
                String taskUid = file.getFileName().toString().replaceFirst("\\.properties$", "");
                Path zip = dir.resolve(taskUid + ".zip");
                if (Files.isRegularFile(zip)) {
                    all.add(new Pending(taskUid, zip, p.getProperty("sha256"), Integer.parseInt(p.getProperty("exitCode", "0")),
                            Boolean.parseBoolean(p.getProperty("uploaded"))));
                } else {
                    Files.deleteIfExists(file);
                }
            }
        }
        all.sort(java.util.Comparator.comparing(Pending::taskUid));
        return all;
    }

    private void write(Pending pending) throws IOException {
        Properties p = new Properties();
        p.setProperty("sha256", pending.sha256());
        p.setProperty("exitCode", Integer.toString(pending.exitCode()));
        p.setProperty("uploaded", Boolean.toString(pending.uploaded()));
        Path tmp = dir.resolve(pending.taskUid() + ".properties.tmp");
        try (Writer writer = Files.newBufferedWriter(tmp)) {
            p.store(writer, "result of task " + pending.taskUid() + " waiting for the server");
        }
        Files.move(tmp, dir.resolve(pending.taskUid() + ".properties"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }
}
