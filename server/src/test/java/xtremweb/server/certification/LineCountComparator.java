package xtremweb.server.certification;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A deployment's own comparator, as a test stands for one: results agree when they have as many lines. */
public final class LineCountComparator implements ResultComparator {
    @Override
    public String name() {
        return "line-count";
    }

    @Override
    public boolean agree(Path first, Path second) throws IOException {
        return lines(first) == lines(second);
    }

    private static long lines(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file)) {
            return in.lines().count();
        }
    }
}
