package xtremweb.server.certification;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Result zips for the tests: files given as name, content pairs, in that order, with a chosen time. */
final class ResultZips {
    private ResultZips() {
    }

    static byte[] zip(long millis, String... nameThenContent) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setComment("made at " + millis);
            for (int i = 0; i < nameThenContent.length; i += 2) {
                ZipEntry entry = new ZipEntry(nameThenContent[i]);
                entry.setLastModifiedTime(FileTime.fromMillis(millis));
                zip.putNextEntry(entry);
                zip.write(nameThenContent[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /**
     * The same zip, the compressed data of its first file overwritten with garbage (0xFF bytes, an
     * invalid deflate block type): its central directory still reads, its content does not unzip.
     */
    static byte[] garbled(byte[] zip) {
        byte[] out = zip.clone();
        int central = centralHeader(out);
        int compressed = u32(out, central + 20);
        int data = 30 + u16(out, 26) + u16(out, 28);
        java.util.Arrays.fill(out, data, data + compressed, (byte) 0xFF);
        return out;
    }

    /**
     * The same zip, its central directory saying the first file's compressed data is half as long as
     * it is: the inflater runs out of input before the deflate stream ends.
     */
    static byte[] cutShort(byte[] zip) {
        byte[] out = zip.clone();
        int central = centralHeader(out);
        int half = u32(out, central + 20) / 2;
        for (int k = 0; k < 4; k++) {
            out[central + 20 + k] = (byte) (half >>> (8 * k));
        }
        return out;
    }

    private static int centralHeader(byte[] zip) {
        for (int i = zip.length - 22; i >= 0; i--) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2) {
                return i;
            }
        }
        throw new AssertionError("no central directory header");
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static int u32(byte[] b, int at) {
        return u16(b, at) | u16(b, at + 2) << 16;
    }
}
