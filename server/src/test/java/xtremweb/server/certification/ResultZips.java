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
}
