package xtremweb.worker.task;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Results not yet accepted by the server, kept under the worker's home ({@code <home>/pending}) so
 * a failed upload is retried, also after the worker restarts. A result is one file,
 * {@code <task>#<exit code>#<SHA-256>.zip}: its name says what the upload declares, so keeping it is
 * one rename of the zip the job's result was written to, with no second file to write and remove
 * for every job. Once the zip is uploaded but its status not yet reported (a server of protocol 1),
 * {@code <task>.properties} says so. A worker of an earlier version kept {@code <task>.zip} beside
 * {@code <task>.properties} (exit code, SHA-256, uploaded): those are read too.
 */
final class PendingResults {
    /** Never in a task UID (letters, digits, '.', '_' and '-'), so the name splits back without doubt. */
    private static final String SEP = "#";
    private static final String PART = ".zip.part";
    private static final Pattern KEPT_NAME = Pattern.compile("([A-Za-z0-9._-]+)#(-?[0-9]+)#([0-9a-f]{64})\\.zip");

    private final Path dir;
    /** This run's kept zips by task, so that the end of a delivery needs no directory listing. */
    private final Map<String, Path> zips = new ConcurrentHashMap<>();

    PendingResults(Path dir) throws IOException {
        this.dir = xtremweb.worker.exec.Directories.ownerOnly(dir);
        // Zips a stopped worker was writing: their jobs were never reported done, they run again.
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(this.dir, "*" + PART)) {
            for (Path part : parts) {
                Files.deleteIfExists(part);
            }
        }
    }

    /** One result waiting to reach the server. */
    record Pending(String taskUid, Path zip, String sha256, int exitCode, boolean uploaded) {
    }

    /** Where results wait. */
    Path dir() {
        return dir;
    }

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

    /** Whether a result of {@code taskUid} waits here. */
    boolean holds(String taskUid) {
        return zips.containsKey(taskUid) || Files.isRegularFile(dir.resolve(taskUid + ".properties"));
    }

    /**
     * Takes the result zip into safe keeping before the first upload attempt: one atomic rename
     * (the zip is written in this directory, see {@link #partFor}), after which a worker killed at
     * any moment finds it again.
     */
    Pending keep(String taskUid, Path zip, String sha256, int exitCode) throws IOException {
        if (!KEPT_NAME.matcher(taskUid + SEP + exitCode + SEP + sha256 + ".zip").matches()) {
            throw new IOException("cannot keep the result of task " + taskUid + ": unexpected task UID or SHA-256");
        }
        Path kept = dir.resolve(taskUid + SEP + exitCode + SEP + sha256 + ".zip");
        try {
            Files.move(zip, kept, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // the zip came from another file system: copied, then renamed into place
            Path part = Files.copy(zip, partFor(taskUid), StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, kept, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.delete(zip);
        }
        zips.put(taskUid, kept);
        return new Pending(taskUid, kept, sha256, exitCode, false);
    }

    /** The zip is on the server; only the status report is left. */
    void uploaded(Pending pending) throws IOException {
        write(new Pending(pending.taskUid(), pending.zip(), pending.sha256(), pending.exitCode(), true));
    }

    void done(String taskUid) throws IOException {
        Path zip = zips.remove(taskUid);
        if (zip != null) {
            Files.deleteIfExists(zip);
        } else {
            try (DirectoryStream<Path> named = Files.newDirectoryStream(dir, taskUid + SEP + "*.zip")) {
                for (Path file : named) {
                    Files.deleteIfExists(file);
                }
            }
        }
        Files.deleteIfExists(dir.resolve(taskUid + ".properties"));
        Files.deleteIfExists(dir.resolve(taskUid + ".zip"));
    }

    /** Every result a previous run left behind (or this run keeps), in task UID order. */
    List<Pending> all() throws IOException {
        Map<String, Pending> named = new TreeMap<>();
        List<Path> properties = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                Matcher m = KEPT_NAME.matcher(name);
                if (m.matches()) {
                    named.put(m.group(1), new Pending(m.group(1), file, m.group(3), Integer.parseInt(m.group(2)), false));
                } else if (name.endsWith(".properties")) {
                    properties.add(file);
                }
            }
        }
        Map<String, Pending> all = new TreeMap<>(named);
        for (Path file : properties) {
            Properties p = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                p.load(reader);
            }
            String taskUid = file.getFileName().toString().replaceFirst("\\.properties$", "");
            Pending withName = named.get(taskUid);
            Path zip = withName != null ? withName.zip() : dir.resolve(taskUid + ".zip");
            if (Files.isRegularFile(zip)) {
                all.put(taskUid, new Pending(taskUid, zip, p.getProperty("sha256"), Integer.parseInt(p.getProperty("exitCode", "0")),
                        Boolean.parseBoolean(p.getProperty("uploaded"))));
            } else {
                Files.deleteIfExists(file);
            }
        }
        all.values().forEach(p -> zips.put(p.taskUid(), p.zip()));
        return new ArrayList<>(all.values());
    }

    /**
     * Written in the {@link Properties} format that {@link #all()} loads, but by hand: the values are
     * hexadecimal, digits and true/false, which need no escaping ({@code Properties.store} adds a
     * formatted date comment, a sorted copy of the keys and a flush per line).
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
