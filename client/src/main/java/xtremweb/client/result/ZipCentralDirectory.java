package xtremweb.client.result;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipException;

/**
 * Reads the Unix file types a zip's central directory records. {@code java.util.zip} does not expose
 * them, yet a symbolic link is only recognisable there (mode {@code 0120000} in the external attributes).
 */
final class ZipCentralDirectory {
    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CEN = 0x02014b50;
    private static final int UNIX_TYPE_MASK = 0170000;
    private static final int UNIX_SYMLINK = 0120000;

    private ZipCentralDirectory() {
    }

    /** Names (decoded as UTF-8, like {@code ZipFile} does) of the entries recorded as symbolic links. */
    static Set<String> symlinkNames(Path zip) throws IOException {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            long size = channel.size();
            int tail = (int) Math.min(size, 22 + 65535);
            ByteBuffer end = read(channel, size - tail, tail);
            int eocd = -1;
            for (int i = tail - 22; i >= 0; i--) {
                if (end.getInt(i) == EOCD) {
                    eocd = i;
                    break;
                }
            }
            if (eocd < 0) {
                throw new ZipException("not a zip file (no end of central directory)");
            }
            long entries = Short.toUnsignedLong(end.getShort(eocd + 10));
            long cenOffset = Integer.toUnsignedLong(end.getInt(eocd + 16));
            long eocdPosition = size - tail + eocd;
            if ((cenOffset == 0xFFFFFFFFL || entries == 0xFFFFL) && eocdPosition >= 20) {
                ByteBuffer locator = read(channel, eocdPosition - 20, 20);
                if (locator.getInt(0) == ZIP64_LOCATOR) {
                    ByteBuffer zip64 = read(channel, locator.getLong(8), 56);
                    if (zip64.getInt(0) != ZIP64_EOCD) {
                        throw new ZipException("broken zip64 end of central directory");
                    }
                    entries = zip64.getLong(32);
                    cenOffset = zip64.getLong(48);
                }
            }
            Set<String> links = new HashSet<>();
            long position = cenOffset;
            for (long n = 0; n < entries; n++) {
                ByteBuffer header = read(channel, position, 46);
                if (header.getInt(0) != CEN) {
                    throw new ZipException("broken central directory at entry " + n);
                }
                int madeBy = Short.toUnsignedInt(header.getShort(4)) >>> 8;
                int nameLength = Short.toUnsignedInt(header.getShort(28));
                int extraLength = Short.toUnsignedInt(header.getShort(30));
                int commentLength = Short.toUnsignedInt(header.getShort(32));
                int unixMode = header.getInt(38) >>> 16;
                ByteBuffer name = read(channel, position + 46, nameLength);
                byte[] bytes = new byte[nameLength];
                name.get(0, bytes);
                if ((madeBy == 3 || unixMode != 0) && (unixMode & UNIX_TYPE_MASK) == UNIX_SYMLINK) {
                    links.add(new String(bytes, StandardCharsets.UTF_8));
                }
                position += 46L + nameLength + extraLength + commentLength;
            }
            return links;
        }
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        if (position < 0 || position + length > channel.size()) {
            throw new ZipException("zip structure points outside the file");
        }
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new ZipException("zip file truncated");
            }
        }
        return buffer.flip();
    }
}
