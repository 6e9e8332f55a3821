package xtremweb.common.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Unix modes stored in a zip's central directory. {@link java.util.zip.ZipFile} does not expose
 * them, and they are the only way to tell a symbolic-link entry from a file holding the link's target
 * text; hence this small reader (ZIP APPNOTE 4.3.12, 4.3.14-16).
 */
record ZipCentralDirectory(List<String> symlinks, Set<String> executables) {
    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CEN = 0x02014b50;
    private static final int UNIX = 3;
    private static final int TYPE_MASK = 0170000;
    private static final int SYMLINK = 0120000;
    private static final int MAX_CENTRAL_DIRECTORY = 64 << 20;

    static ZipCentralDirectory read(Path zip) throws IOException {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            long size = channel.size();
            int tailLength = (int) Math.min(size, 22 + 65_535);
            ByteBuffer tail = read(channel, size - tailLength, tailLength);
            int eocd = -1;
            for (int i = tailLength - 22; i >= 0; i--) {
                if (tail.getInt(i) == EOCD) {
                    eocd = i;
                    break;
                }
            }
            if (eocd < 0) {
                throw new UnsafeArchiveException("the archive is not a zip file (no end of central directory)");
            }
            long entries = Short.toUnsignedInt(tail.getShort(eocd + 10));
            long cdSize = Integer.toUnsignedLong(tail.getInt(eocd + 12));
            long cdOffset = Integer.toUnsignedLong(tail.getInt(eocd + 16));
            if ((entries == 0xFFFF || cdSize == 0xFFFFFFFFL || cdOffset == 0xFFFFFFFFL)
                    && eocd >= 20 && tail.getInt(eocd - 20) == ZIP64_LOCATOR) {
                ByteBuffer z64 = read(channel, tail.getLong(eocd - 20 + 8), 56);
                if (z64.getInt(0) != ZIP64_EOCD) {
                    throw new UnsafeArchiveException("the archive has a broken ZIP64 directory");
                }
                entries = z64.getLong(32);
                cdSize = z64.getLong(40);
                cdOffset = z64.getLong(48);
            }
            if (cdSize > MAX_CENTRAL_DIRECTORY || cdOffset + cdSize > size) {
                throw new UnsafeArchiveException("the archive's central directory is too large or truncated");
            }
            return parse(read(channel, cdOffset, (int) cdSize), entries);
        }
    }

    private static ZipCentralDirectory parse(ByteBuffer cd, long entries) throws UnsafeArchiveException {
        List<String> symlinks = new ArrayList<>();
        Set<String> executables = new HashSet<>();
        int pos = 0;
        for (long i = 0; i < entries; i++) {
            if (pos + 46 > cd.limit() || cd.getInt(pos) != CEN) {
                throw new UnsafeArchiveException("the archive's central directory is corrupt at entry " + i);
            }
            int madeBy = Short.toUnsignedInt(cd.getShort(pos + 4)) >> 8;
            int nameLength = Short.toUnsignedInt(cd.getShort(pos + 28));
            int extraLength = Short.toUnsignedInt(cd.getShort(pos + 30));
            int commentLength = Short.toUnsignedInt(cd.getShort(pos + 32));
            int mode = cd.getInt(pos + 38) >>> 16;
            if (pos + 46 + nameLength > cd.limit()) {
                throw new UnsafeArchiveException("the archive's central directory is corrupt at entry " + i);
            }
            byte[] name = new byte[nameLength];
            cd.get(pos + 46, name);
            String entryName = new String(name, StandardCharsets.UTF_8);
            if (madeBy == UNIX && (mode & TYPE_MASK) == SYMLINK) {
                symlinks.add(entryName);
            } else if (madeBy == UNIX && (mode & 0100) != 0) {
                executables.add(entryName);
            }
            pos += 46 + nameLength + extraLength + commentLength;
        }
        return new ZipCentralDirectory(List.copyOf(symlinks), Set.copyOf(executables));
    }

    private static ByteBuffer read(FileChannel channel, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new UnsafeArchiveException("the archive is truncated");
            }
        }
        return buffer.flip();
    }
}
