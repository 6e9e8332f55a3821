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
    void refusesAFileThatOtherEntriesTakeForADirectoryAndWritesNothing() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("a", "a file");
        entries.put("a/b", "below the file");
        Path zip = Zips.write(temp.resolve("env.zip"), entries);

        // it used to fail half way, as the bare path of the volunteer's scratch directory
        assertThatThrownBy(() -> SafeUnzip.unpack(zip, scratch))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessage("the archive has an entry 'a/b' below 'a', which it also holds as a file; nothing was unpacked");
        assertThat(listing(scratch)).isEmpty();

        Map<String, String> both = new LinkedHashMap<>();
        both.put("d", "a file");
        both.put("d/", "");
        Path twice = Zips.write(temp.resolve("twice.zip"), both);
        assertThatThrownBy(() -> SafeUnzip.unpack(twice, scratch))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessageContaining("'d' both as a file and as a directory");
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

    @Test
    void aZipBombIsRefusedByTheSizesItDeclaresBeforeAByteIsWritten() throws IOException {
        Path zip = zeros(temp.resolve("bomb.zip"), 20 << 20, false);
        assertThat(Files.size(zip)).isLessThan(1 << 20);

        assertThatThrownBy(() -> SafeUnzip.unpack(zip, scratch, 10 << 20))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessageContaining("zip bomb").hasMessageContaining("nothing was unpacked");
        assertThat(listing(scratch)).isEmpty();
    }

    @Test
    void aZipBombLyingAboutItsSizesIsStoppedByTheBytesWrittenAndTakenBack() throws IOException {
        Path zip = zeros(temp.resolve("liar.zip"), 20 << 20, true);
        try (java.util.zip.ZipFile file = new java.util.zip.ZipFile(zip.toFile())) {
            assertThat(file.getEntry("zeros.bin").getSize()).as("the lie the first check believes").isEqualTo(1000);
        }

        assertThatThrownBy(() -> SafeUnzip.unpack(zip, scratch, 10 << 20))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessageContaining("zip bomb");
        try (Stream<Path> files = Files.walk(scratch)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void anArchiveMayExpandToAGibibyteOrAHundredTimesItsSize() throws IOException {
        assertThat(SafeUnzip.limitFor(1)).isEqualTo(1L << 30);
        assertThat(SafeUnzip.limitFor(100L << 20)).isEqualTo(10_000L << 20);
        assertThat(SafeUnzip.limitFor(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);

        // Within the limit: unpacked whole.
        Path zip = zeros(temp.resolve("fine.zip"), 5 << 20, false);
        SafeUnzip.unpack(zip, scratch, 5 << 20);
        assertThat(scratch.resolve("zeros.bin")).hasSize(5 << 20);
    }

    /**
     * A zip of one entry of {@code bytes} zeros (a thousand to one); with {@code lying}, its central
     * directory claims the entry holds 1,000 bytes.
     */
    private static Path zeros(Path zip, int bytes, boolean lying) throws IOException {
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("zeros.bin"));
            byte[] block = new byte[1 << 16];
            for (int left = bytes; left > 0; left -= block.length) {
                out.write(block, 0, Math.min(block.length, left));
            }
            out.closeEntry();
        }
        if (lying) {
            byte[] all = Files.readAllBytes(zip);
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(all).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i + 4 <= all.length; i++) {
                if (buffer.getInt(i) == 0x02014b50) { // central directory header: uncompressed size at +24
                    buffer.putInt(i + 24, 1000);
                }
                if (buffer.getInt(i) == 0x08074b50) { // data descriptor: uncompressed size at +12
                    buffer.putInt(i + 12, 1000);
                }
            }
            Files.write(zip, all);
        }
        return zip;
    }

    private static java.util.List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> !p.equals(dir)).toList();
        }
    }
}
