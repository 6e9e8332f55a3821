package xtremweb.client.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --xwenv <directory>}: the tree is sent as one zip of paths relative to the directory. */
class InputsZipTest {
    @TempDir
    Path dir;

    @Test
    void aDirectoryIsZippedWithItsRelativePathsAndWholeContents() throws IOException {
        Path env = Files.createDirectories(dir.resolve("env/sub"));
        Files.writeString(dir.resolve("env/a.txt"), "alpha\n");
        byte[] big = new byte[300_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        Files.write(env.resolve("big.bin"), big);

        Path zip = Inputs.zip(dir.resolve("env"));
        try {
            Map<String, byte[]> entries = new TreeMap<>();
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
            assertThat(entries).containsOnlyKeys("a.txt", "sub/big.bin");
            assertThat(new String(entries.get("a.txt"), StandardCharsets.UTF_8)).isEqualTo("alpha\n");
            assertThat(entries.get("sub/big.bin")).isEqualTo(big);
        } finally {
            Files.deleteIfExists(zip);
        }
    }
}
