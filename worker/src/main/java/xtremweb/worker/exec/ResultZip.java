package xtremweb.worker.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The result of a job as API.md defines it: {@code stdout.txt}, {@code stderr.txt}, then every
 * regular file the job created or modified in its scratch directory, under its relative path.
 */
public final class ResultZip {
    public static final String STDOUT = "stdout.txt";
    public static final String STDERR = "stderr.txt";

    private ResultZip() {
    }

    /** Writes the zip to {@code target} (outside the scratch directory) and returns the entry names. */
    public static Set<String> write(Path scratch, ScratchSnapshot before, Path target) throws IOException {
        Path root = scratch.toAbsolutePath().normalize();
        Set<String> names = new LinkedHashSet<>();
        names.add(STDOUT);
        names.add(STDERR);
        names.addAll(before.changedFiles(root));
        Set<String> written = new LinkedHashSet<>();
        try (OutputStream out = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String name : names) {
                Path file = root.resolve(name);
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                zip.putNextEntry(new ZipEntry(name));
                // NOFOLLOW: a process the job left behind could swap the file for a link meanwhile.
                try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
                written.add(name);
            }
        }
        return written;
    }
}
