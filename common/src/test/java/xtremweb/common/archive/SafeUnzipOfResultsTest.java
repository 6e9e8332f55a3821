package xtremweb.common.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeUnzipOfResultsTest {
    @TempDir
    Path dir;

    private Path zip(Map<String, String> entries) throws IOException {
        Path zip = dir.resolve("result.zip");
        try (OutputStream raw = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(raw)) {
            for (var e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }

    /** Marks an entry as a Unix symbolic link in the central directory, as Info-ZIP's {@code zip -y} does. */
    private static void markSymlink(Path zip, String name) throws IOException {
        byte[] bytes = Files.readAllBytes(zip);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 46 < bytes.length; i++) {
            if (buffer.getInt(i) == 0x02014b50 && Short.toUnsignedInt(buffer.getShort(i + 28)) == wanted.length
                    && new String(bytes, i + 46, wanted.length, StandardCharsets.UTF_8).equals(name)) {
                buffer.putShort(i + 4, (short) (3 << 8 | 20));
                buffer.putInt(i + 38, 0120777 << 16);
                Files.write(zip, bytes);
                return;
            }
        }
        throw new AssertionError("entry " + name + " not found");
    }

    private static Map<String, String> entries(String... namesAndContents) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndContents.length; i += 2) {
            map.put(namesAndContents[i], namesAndContents[i + 1]);
        }
        return map;
    }

    private long filesUnder(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void extractsFilesAndSubdirectoriesInsideTheTarget() throws IOException {
        Path zip = zip(entries("stdout.txt", "hello", "out/data/r.txt", "42"));

        SafeUnzip.unpack(zip, dir.resolve("w"));

        assertThat(dir.resolve("w/stdout.txt")).hasContent("hello");
        assertThat(dir.resolve("w/out/data/r.txt")).hasContent("42");
    }

    @Test
    void refusesAnEntryClimbingOutWithDotDotAndWritesNothing() throws IOException {
        Path zip = zip(entries("stdout.txt", "ok", "../x", "evil", "sub/../../y", "evil"));

        assertThatThrownBy(() -> SafeUnzip.unpack(zip, dir.resolve("w")))
                .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("../x");

        assertThat(dir.resolve("x")).doesNotExist();
        assertThat(dir.resolve("w")).doesNotExist();
        assertThat(filesUnder(dir)).isEqualTo(1); // the zip itself
    }

    @Test
    void refusesAnAbsoluteEntryAndWritesNothing() throws IOException {
        Path zip = zip(entries("stdout.txt", "ok", "/etc/x", "evil"));

        assertThatThrownBy(() -> SafeUnzip.unpack(zip, dir.resolve("w")))
                .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("/etc/x");

        assertThat(dir.resolve("w")).doesNotExist();
    }

    @Test
    void refusesASymbolicLinkEntryAndWritesNothing() throws IOException {
        Path zip = zip(entries("stdout.txt", "ok", "link", "/etc/passwd", "link/x", "evil"));
        markSymlink(zip, "link");

        assertThatThrownBy(() -> SafeUnzip.unpack(zip, dir.resolve("w")))
                .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("symbolic link").hasMessageContaining("link");

        assertThat(dir.resolve("w")).doesNotExist();
        assertThat(filesUnder(dir)).isEqualTo(1);
    }

    @Test
    void doesNotFollowALinkAlreadyInTheTargetDirectory() throws IOException {
        Path outside = Files.createDirectory(dir.resolve("outside"));
        Path target = Files.createDirectory(dir.resolve("w"));
        Files.createSymbolicLink(target.resolve("sub"), outside);
        Path zip = zip(entries("sub/x", "evil"));

        assertThatThrownBy(() -> SafeUnzip.unpack(zip, target)).isInstanceOf(UnsafeArchiveException.class);

        assertThat(outside.resolve("x")).doesNotExist();
    }
}
