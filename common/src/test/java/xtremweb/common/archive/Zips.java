package xtremweb.common.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Test archives, including ones {@link ZipOutputStream} cannot make by itself (Unix symlink entries). */
final class Zips {
    private Zips() {
    }

    static Path write(Path file, Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        Files.write(file, bytes.toByteArray());
        return file;
    }

    /** Rewrites the central directory record of {@code entryName} as made on Unix with the given mode. */
    static void setUnixMode(Path zip, String entryName, int mode) throws IOException {
        byte[] data = Files.readAllBytes(zip);
        ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        byte[] name = entryName.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 46 < data.length; i++) {
            if (buffer.getInt(i) == 0x02014b50 && Short.toUnsignedInt(buffer.getShort(i + 28)) == name.length
                    && new String(data, i + 46, name.length, StandardCharsets.UTF_8).equals(entryName)) {
                buffer.putShort(i + 4, (short) ((3 << 8) | 20));
                buffer.putInt(i + 38, mode << 16);
            }
        }
        Files.write(zip, data);
    }
}
