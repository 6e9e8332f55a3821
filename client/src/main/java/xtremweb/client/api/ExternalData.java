package xtremweb.client.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Data that lives on an ordinary web server ({@code http://}, {@code https://}, checked with the
 * JDK's usual trust store, not the grid's pinned certificate). Read once when registered, to
 * record its size and SHA-256, so that workers and clients can check every later copy.
 */
public final class ExternalData {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    private ExternalData() {
    }

    /** Size and SHA-256 of what a URI serves. */
    public record Measured(long size, String sha256) {
    }

    public static boolean isUri(String value) {
        return value.startsWith("http://") || value.startsWith("https://");
    }

    public static Measured measure(String uri) {
        try (InputStream body = open(uri)) {
            MessageDigest digest = sha256();
            long size = new DigestInputStream(body, digest).transferTo(OutputStream.nullOutputStream());
            return new Measured(size, HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + uri + ": " + IoReasons.of(e), e);
        }
    }

    /** Downloads into {@code target} (through a .part file) and checks the recorded SHA-256. */
    public static void download(String uri, String expectedSha256, Path target) {
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try (InputStream body = open(uri)) {
            MessageDigest digest = sha256();
            Files.copy(new DigestInputStream(body, digest), partial, StandardCopyOption.REPLACE_EXISTING);
            String got = HexFormat.of().formatHex(digest.digest());
            if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(got)) {
                Files.deleteIfExists(partial);
                throw new IllegalStateException(uri + " now serves content with SHA-256 " + got + " instead of the "
                        + expectedSha256 + " recorded for the data; it changed since it was registered");
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot download " + uri + ": " + IoReasons.of(e), e);
        }
    }

    private static InputStream open(String uri) throws IOException {
        HttpResponse<InputStream> response;
        try {
            response = HTTP.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofHours(6)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException(uri + " answered HTTP " + response.statusCode());
        }
        return response.body();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
