package xtremweb.worker.cache;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Fetches an input that lives outside the grid ({@code http://}, {@code https://}, with the JDK's
 * usual certificate checks). Nothing is trusted from that server: the cache checks the bytes
 * against the size and SHA-256 the XtremWeb server recorded for the data.
 */
public final class ExternalInput {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    private ExternalInput() {
    }

    public static void download(String uri, Path target) throws IOException {
        URI parsed = URI.create(uri);
        if (!"http".equals(parsed.getScheme()) && !"https".equals(parsed.getScheme())) {
            throw new InputRejectedException("input URI " + uri + " is neither http nor https");
        }
        HttpResponse<InputStream> response;
        try {
            response = HTTP.send(HttpRequest.newBuilder(parsed).timeout(Duration.ofHours(6)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + uri, e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException(uri + " answered HTTP " + response.statusCode());
            }
            Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
