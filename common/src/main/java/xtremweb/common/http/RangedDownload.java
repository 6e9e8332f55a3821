package xtremweb.common.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One attempt at completing {@code partial}: asks for what is missing, appends it, and checks the
 * whole against the SHA-256 the server announces. A remembered ETag next to the partial file
 * ({@code .etag}) makes the server send everything again if the content changed meanwhile.
 */
final class RangedDownload {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");

    private RangedDownload() {
    }

    /**
     * @param heldSha256 the SHA-256 of the copy the caller already holds, or null: sent as
     *                   {@code If-None-Match}, and a 304 ends the attempt without touching {@code partial}
     * @return false when the server answered that the held copy is its content (304)
     */
    static boolean fetch(XwHttpClient client, String path, Path partial, String heldSha256, XwHttpClient.Progress progress)
            throws IOException {
        Path etagFile = partial.resolveSibling(partial.getFileName() + ".etag");
        long have = Files.exists(partial) ? Files.size(partial) : 0;
        String etag = Files.exists(etagFile) ? Files.readString(etagFile).trim() : null;
        Map<String, String> headers = new HashMap<>();
        if (have > 0 && etag != null) {
            headers.put("Range", "bytes=" + have + "-");
            headers.put("If-Range", etag);
        }
        if (heldSha256 != null) {
            headers.put("If-None-Match", "\"" + heldSha256 + "\"");
        }
        HttpResponse<InputStream> response = client.openStream(path, headers);
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 304) {
                // The held copy is current: what an earlier, interrupted download left is not needed.
                body.readAllBytes();
                Files.deleteIfExists(partial);
                Files.deleteIfExists(etagFile);
                return false;
            }
            if (status == 416) {
                // what we hold is already the whole file (or more): start over rather than guess
                body.readAllBytes();
                Files.deleteIfExists(partial);
                throw new XwConnectException("the partial download of " + path + " did not match the server's; restarting", null);
            }
            if (status / 100 != 2) {
                throw client.problemOf(status, body.readAllBytes());
            }
            String sha256 = response.headers().firstValue("X-XW-SHA256").orElse(null);
            response.headers().firstValue("ETag").ifPresent(tag -> write(etagFile, tag));
            long start = 0;
            long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (status == 206) {
                Matcher m = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
                if (!m.matches() || Long.parseLong(m.group(1)) != have) {
                    throw new XwConnectException("the server answered a range that does not continue " + partial, null);
                }
                start = have;
                total = Long.parseLong(m.group(3));
            }
            // from byte 0 the hash is computed on the way; a resumed file is hashed from disk at the end
            MessageDigest onTheWay = start == 0 ? digest() : null;
            try (OutputStream out = start == 0
                    ? new java.security.DigestOutputStream(Files.newOutputStream(partial), onTheWay)
                    : Files.newOutputStream(partial, StandardOpenOption.APPEND)) {
                new CountingInputStream(body, start, total, progress).transferTo(out);
            } catch (IOException e) {
                throw new XwConnectException("download of " + path + " broke off after " + Files.size(partial)
                        + " bytes: " + e.getMessage(), e);
            }
            if (sha256 != null) {
                String got = onTheWay != null ? HexFormat.of().formatHex(onTheWay.digest()) : sha256(partial);
                if (!got.equalsIgnoreCase(sha256)) {
                    Files.deleteIfExists(partial);
                    Files.deleteIfExists(etagFile);
                    throw new XwConnectException("the bytes downloaded from " + path + " have SHA-256 " + got
                            + " instead of " + sha256 + "; downloading again", null);
                }
            }
            Files.deleteIfExists(etagFile);
            return true;
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            // without it a later run restarts from zero: slower, still right
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = digest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
