package xtremweb.benchmark.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import xtremweb.common.http.PinnedTrust;
import xtremweb.common.json.Json;

/**
 * The HTTPS calls of the benchmark. One shared JDK client for every simulated host (each call
 * carries its own bearer token): ten thousand hosts cannot each own a client and its threads.
 */
final class Api {
    private final URI base;
    private final HttpClient http;
    private final ObjectMapper json = Json.mapper();

    Api(URI base, Path pem) {
        this.base = base;
        this.http = HttpClient.newBuilder().sslContext(PinnedTrust.sslContext(PinnedTrust.readPem(pem)))
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(20)).build();
    }

    <T> T post(String path, String token, Object body, Class<T> type) {
        HttpRequest.Builder b = builder(path, token).header("Content-Type", "application/json");
        if (path.equals("/api/v1/works") || path.equals("/api/v1/works/batch")) {
            // As xwsendwork does: a submission carries its Idempotency-Key (stored with the works).
            b.header("Idempotency-Key", java.util.UUID.randomUUID().toString());
        }
        return send(b.POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body))).build(), type);
    }

    void postNoContent(String path, String token, Object body) {
        send(builder(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body))).build(), Void.class);
    }

    <T> T put(String path, String token, byte[] body, Class<T> type) {
        return send(builder(path, token).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), type);
    }

    <T> T get(String path, String token, Class<T> type) {
        return send(builder(path, token).GET().build(), type);
    }

    byte[] getBytes(String path, String token) {
        try {
            HttpResponse<byte[]> r = http.send(builder(path, token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + r.statusCode());
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A JSON POST whose answer {@code reader} streams ({@code POST /datas/contents}). */
    void postStreaming(String path, String token, Object body, xtremweb.common.http.XwHttpClient.StreamReader<Void> reader) {
        try {
            HttpResponse<java.io.InputStream> r = http.send(builder(path, token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body))).build(), HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream in = r.body()) {
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": " + new String(in.readAllBytes()));
                }
                reader.read(in);
            }
        } catch (IOException e) {
            throw new IllegalStateException("POST " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private HttpRequest.Builder builder(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(120));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private byte[] bytes(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private <T> T send(HttpRequest request, Class<T> type) {
        try {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered "
                        + r.statusCode() + ": " + new String(r.body()));
            }
            return type == Void.class || r.body().length == 0 ? null : json.readValue(r.body(), type);
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri().getPath() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
