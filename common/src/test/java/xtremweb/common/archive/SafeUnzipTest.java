package xtremweb.common.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeUnzipTest {
    @TempDir
    Path temp;
    Path scratch;

    @BeforeEach
    void createScratch() throws IOException {
        scratch = Files.createDirectory(temp.resolve("scratch"));
    }

    @Test
    void unpacksNestedFilesInsideTheDirectory() throws IOException {
        Path zip = Zips.write(temp.resolve("env.zip"), Map.of("data/in.txt", "hello", "top.txt", "x", "dir/", ""));

        SafeUnzip.unpack(zip, scratch);

        assertThat(scratch.resolve("data/in.txt")).hasContent("hello");
        assertThat(scratch.resolve("top.txt")).hasContent("x");
        assertThat(scratch.resolve("dir")).isDirectory();
    }

    @Test
    void refusesAnEntryClimbingOutWithDotDotAndWritesNothing() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("good.txt", "fine");
        entries.put("../x", "escaped");
        Path zip = Zips.write(temp.resolve("env.zip"), entries);

        assertThatThrownBy(() -> SafeUnzip.unpack(zip, scratch))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessageContaining("outside");

        assertThat(temp.resolve("x")).doesNotExist();
        assertThat(listing(scratch)).isEmpty();
    }

    @Test
    void refusesAnEntryHiddenDeeperThatClimbsOut() throws IOException {
        Path zip = Zips.write(temp.resolve("env.zip"), Map.of("a/b/../../../y", "escaped"));

        assertThatThrownBy(() -> SafeUnzip.unpack(zip, scratch)).isInstanceOf(UnsafeArchiveException.class);
        assertThat(temp.resolve("y")).doesNotExist();
    }

    @Test
    void refusesAnAbsoluteEntry() throws IOException {
        Path zip = Zips.write(temp.resolve("env.zip"), Map.of("/etc/x", "evil"));

        assertThatThrownBy(() -> SafeUnzip.unpack(zip, scratch))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessageContaining("absolute path");
        assertThat(listing(scratch)).isEmpty();
    }

    @Test
    void refusesASymbolicLinkEntry() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("readme.txt", "fine");
        entries.put("link", "/etc/passwd");
        Path zip = Zips.write(temp.resolve("env.zip"), entries);
        Zips.setUnixMode(zip, "link", 0120777);

        assertThatThrownBy(() -> SafeUnzip.unpack(zip, scratch))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessageContaining("symbolic link 'link'");
        assertThat(listing(scratch)).isEmpty();
    }

    @Test
    void keepsTheExecutableBitOfUnixEntries() throws IOException {
        Path zip = Zips.write(temp.resolve("env.zip"), Map.of("run.sh", "#!/bin/sh\n", "data.txt", "d"));
        Zips.setUnixMode(zip, "run.sh", 0100755);
        Zips.setUnixMode(zip, "data.txt", 0100644);

        SafeUnzip.unpack(zip, scratch);

        assertThat(Files.isExecutable(scratch.resolve("run.sh"))).isTrue();
        assertThat(Files.isExecutable(scratch.resolve("data.txt"))).isFalse();
    }

    @Test
    void refusesAFileThatIsNotAZip() throws IOException {
        Path notZip = Files.writeString(temp.resolve("env.zip"), "plain text, not an archive");

        assertThatThrownBy(() -> SafeUnzip.unpack(notZip, scratch)).isInstanceOf(UnsafeArchiveException.class);
    }

    private static java.util.List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> !p.equals(dir)).toList();
        }
    }
}
