package xtremweb.server.certification;

import java.io.EOFException;
import java.io.FilterInputStream;
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
 * entries) is ignored. A result that is not a zip is compared whole, as one file. What a zip
 * expands to is held to {@link ComparisonLimits}: past them the comparison stops with
 * {@link TooLargeToCompare}, whether the zip declared its sizes or lied about them. A file whose
 * compressed data does not unzip stops it with {@link UnreadableResult}.
 */
final class ZipContent {
    /** Compares one file of the first result with the same file of the second. */
    @FunctionalInterface
    interface FileComparison {
        boolean same(InputStream first, InputStream second) throws IOException;
    }

    private ZipContent() {
    }

    static boolean agree(Path first, Path second, FileComparison files, ComparisonLimits limits) throws IOException {
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
            SortedMap<String, ZipEntry> inFirst = files(a, limits);
            SortedMap<String, ZipEntry> inSecond = files(b, limits);
            if (!inFirst.keySet().equals(inSecond.keySet())) {
                return false;
            }
            Expanded fromFirst = new Expanded(limits.bytes());
            Expanded fromSecond = new Expanded(limits.bytes());
            for (var entry : inFirst.entrySet()) {
                try (InputStream in1 = fromFirst.counted(first, a, entry.getValue());
                     InputStream in2 = fromSecond.counted(second, b, inSecond.get(entry.getKey()))) {
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

    /** The zip's files by name; refused past the limits by what the zip declares, before anything is inflated. */
    private static SortedMap<String, ZipEntry> files(ZipFile zip, ComparisonLimits limits) throws TooLargeToCompare {
        SortedMap<String, ZipEntry> files = new TreeMap<>();
        long declared = 0;
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            ZipEntry entry = e.nextElement();
            if (entry.isDirectory()) {
                continue;
            }
            if (files.size() == limits.files()) {
                throw new TooLargeToCompare("a result holds more than " + limits.files() + " files, the most a comparison reads");
            }
            files.put(entry.getName(), entry);
            declared += Math.max(0, entry.getSize());
            if (declared > limits.bytes()) {
                throw new TooLargeToCompare("a result declares more than " + limits.bytes() + " bytes of content once"
                        + " unzipped, the most a comparison expands");
            }
        }
        return files;
    }

    /** The bytes really inflated from one result's files, whatever the zip declared. */
    private static final class Expanded {
        private final long limit;
        private long read;

        Expanded(long limit) {
            this.limit = limit;
        }

        /**
         * The entry's content, counted. What the zip's bytes make fail is told apart from the disk:
         * a {@link ZipException} (a local header in the wrong place, a deflate stream of garbage) or
         * an {@link EOFException} (compressed data shorter than the central directory says) comes
         * from the stored bytes and would come again, so it is an {@link UnreadableResult}; any other
         * {@link IOException} (the file gone or unreadable, a disk failing) is thrown as it is, and
         * the report that asked for the comparison is rolled back and retried.
         */
        InputStream counted(Path result, ZipFile zip, ZipEntry entry) throws IOException {
            InputStream in;
            try {
                in = zip.getInputStream(entry);
            } catch (ZipException | EOFException e) {
                throw new UnreadableResult(result, entry.getName(), e);
            }
            return new FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    int b;
                    try {
                        b = super.read();
                    } catch (ZipException | EOFException e) {
                        throw new UnreadableResult(result, entry.getName(), e);
                    }
                    if (b >= 0) {
                        add(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int off, int len) throws IOException {
                    int n;
                    try {
                        n = super.read(buffer, off, len);
                    } catch (ZipException | EOFException e) {
                        throw new UnreadableResult(result, entry.getName(), e);
                    }
                    if (n > 0) {
                        add(n);
                    }
                    return n;
                }

                @Override
                public long skip(long n) throws IOException {
                    long skipped;
                    try {
                        skipped = super.skip(n);
                    } catch (ZipException | EOFException e) {
                        throw new UnreadableResult(result, entry.getName(), e);
                    }
                    add(skipped);
                    return skipped;
                }
            };
        }

        private void add(long n) throws TooLargeToCompare {
            read += n;
            if (read > limit) {
                throw new TooLargeToCompare("a result expands to more than " + limit + " bytes of content once unzipped"
                        + " (more than its zip declares), the most a comparison expands");
            }
        }
    }

    private static void close(ZipFile zip) throws IOException {
        if (zip != null) {
            zip.close();
        }
    }
}
