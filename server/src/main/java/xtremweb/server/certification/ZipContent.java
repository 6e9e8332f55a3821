package xtremweb.server.certification;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Compares two results file by file: the files of each zip are matched by name whatever their
 * order in the archive, and the zips' own metadata (timestamps, comments, compression, directory
 * entries) is ignored. A result that is not a zip is compared whole, as one file.
 */
final class ZipContent {
    /** Compares one file of the first result with the same file of the second. */
    @FunctionalInterface
    interface FileComparison {
        boolean same(InputStream first, InputStream second) throws IOException;
    }

    private ZipContent() {
    }

    static boolean agree(Path first, Path second, FileComparison files) throws IOException {
        ZipFile a = open(first);
        ZipFile b = open(second);
        try {
            if (a == null || b == null) {
                if (a != null || b != null) {
                    return false;
                }
                try (InputStream in1 = Files.newInputStream(first); InputStream in2 = Files.newInputStream(second)) {
                    return files.same(in1, in2);
                }
            }
            SortedMap<String, ZipEntry> inFirst = files(a);
            SortedMap<String, ZipEntry> inSecond = files(b);
            if (!inFirst.keySet().equals(inSecond.keySet())) {
                return false;
            }
            for (var entry : inFirst.entrySet()) {
                try (InputStream in1 = a.getInputStream(entry.getValue());
                     InputStream in2 = b.getInputStream(inSecond.get(entry.getKey()))) {
                    if (!files.same(in1, in2)) {
                        return false;
                    }
                }
            }
            return true;
        } finally {
            close(a);
            close(b);
        }
    }

    private static ZipFile open(Path path) throws IOException {
        try {
            return new ZipFile(path.toFile());
        } catch (ZipException notAZip) {
            return null;
        }
    }

    private static SortedMap<String, ZipEntry> files(ZipFile zip) {
        SortedMap<String, ZipEntry> files = new TreeMap<>();
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            ZipEntry entry = e.nextElement();
            if (!entry.isDirectory()) {
                files.put(entry.getName(), entry);
            }
        }
        return files;
    }

    private static void close(ZipFile zip) throws IOException {
        if (zip != null) {
            zip.close();
        }
    }
}
