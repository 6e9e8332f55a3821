package xtremweb.worker.task;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
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
        this.dir = xtremweb.worker.exec.Directories.ownerOnly(dir);
        // Zips a stopped worker was writing: their jobs were never reported done, they run again.
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(this.dir, "*" + PART)) {
            for (Path part : parts) {
                Files.deleteIfExists(part);
            }
        }
    }

    private static final String PART = ".zip.part";

    /** Where the result zip of {@code taskUid} is written before {@link #keep} takes it into safe keeping. */
    Path partFor(String taskUid) {
        return dir.resolve(taskUid + PART);
    }

    /** Removes a zip that will not be kept (its job failed or was given back), if there is one. */
    void discardPart(String taskUid) {
        try {
            Files.deleteIfExists(partFor(taskUid));
        } catch (IOException e) {
            // removed at the next start
        }
    }

    /** One result waiting to reach the server. */
    record Pending(String taskUid, Path zip, String sha256, int exitCode, boolean uploaded) {
    }

    /** Where results wait. */
    Path dir() {
        return dir;
    }

    /** Whether a result of {@code taskUid} waits here. */
    boolean holds(String taskUid) {
        return Files.isRegularFile(dir.resolve(taskUid + ".properties"));
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

    /**
     * Written in the {@link Properties} format that {@link #all()} loads, but by hand: the values are
     * hexadecimal, digits and true/false, which need no escaping, and {@code Properties.store} cost
     * every job a formatted date comment, a sorted copy of the keys and a flush per line.
     */
    private void write(Pending pending) throws IOException {
        String text = "# result of task " + pending.taskUid() + " waiting for the server\n"
                + "sha256=" + pending.sha256() + "\n"
                + "exitCode=" + pending.exitCode() + "\n"
                + "uploaded=" + pending.uploaded() + "\n";
        Path tmp = dir.resolve(pending.taskUid() + ".properties.tmp");
        Files.writeString(tmp, text, StandardCharsets.ISO_8859_1);
        Files.move(tmp, dir.resolve(pending.taskUid() + ".properties"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }
}
