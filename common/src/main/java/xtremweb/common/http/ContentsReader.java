package xtremweb.common.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import xtremweb.common.json.Json;
import xtremweb.common.wire.DataContents;

/**
 * Reads the answer of {@code POST /api/v1/datas/contents}: for each data asked for, in that order,
 * a line of JSON ({@link DataContents.Header}) and exactly its size in bytes. Each content is handed
 * to the sink as it streams in and checked against its SHA-256 once read; an answer that names
 * another data, ends early or carries other bytes than announced is refused, so a sink never keeps
 * a content it was not told was whole.
 */
public final class ContentsReader {
    /** A header line longer than this is not one. */
    private static final int MAX_HEADER = 4096;

    /** Where each content goes: {@code open} for its bytes, then {@code done} once they are checked. */
    public interface Sink {
        OutputStream open(DataContents.Header header) throws IOException;

        /** The content just written is whole and matches its SHA-256. */
        void done(DataContents.Header header) throws IOException;
    }

    private ContentsReader() {
    }

    /** Reads the contents of {@code uids} (as asked, lower case) from {@code in} into {@code sink}. */
    public static void read(InputStream in, List<String> uids, Sink sink) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        for (String uid : uids) {
            DataContents.Header header = Json.mapper().readValue(line(in), DataContents.Header.class);
            if (header.uid() == null || !header.uid().equalsIgnoreCase(uid) || header.size() < 0 || header.sha256() == null) {
                throw new IOException("the server sent data " + header.uid() + " where " + uid + " was expected");
            }
            MessageDigest sha256 = sha256();
            try (OutputStream out = sink.open(header)) {
                long left = header.size();
                while (left > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        throw new IOException("the content of data " + uid + " ended " + left + " bytes early");
                    }
                    sha256.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                    left -= n;
                }
            }
            String got = HexFormat.of().formatHex(sha256.digest());
            if (!got.equalsIgnoreCase(header.sha256())) {
                throw new IOException("the content of data " + uid + " has SHA-256 " + got + ", not " + header.sha256());
            }
            sink.done(header);
        }
    }

    private static byte[] line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(160);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the answer ended before all the contents asked for");
            }
            if (line.size() == MAX_HEADER) {
                throw new IOException("the answer is not a list of contents (a header line is longer than " + MAX_HEADER + " bytes)");
            }
            line.write(b);
        }
        return line.toByteArray();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
