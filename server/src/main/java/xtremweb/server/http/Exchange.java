package xtremweb.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Fields;
import xtremweb.common.json.Json;
import xtremweb.server.policy.Caller;

/** One request and its response, with the blocking helpers the endpoints need. */
public final class Exchange {
    /** JSON bodies above this size are refused; data content streams and has no such limit. */
    static final int MAX_JSON_BYTES = 1024 * 1024;

    private final Request request;
    private final Response response;
    private final Map<String, String> params;
    private final Authenticator authenticator;
    private Caller caller;
    private boolean answered;

    Exchange(Request request, Response response, Map<String, String> params, Authenticator authenticator) {
        this.request = request;
        this.response = response;
        this.params = params;
        this.authenticator = authenticator;
    }

    public String param(String name) {
        return params.get(name);
    }

    public Optional<String> query(String name) {
        Fields fields = Request.extractQueryParameters(request);
        return Optional.ofNullable(fields.getValue(name)).filter(v -> !v.isBlank());
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(request.getHeaders().get(name)).filter(v -> !v.isBlank());
    }

    /** The client's IP address, for throttling failed logins. */
    public String remoteAddress() {
        return Request.getRemoteAddr(request);
    }

    /** The bearer token of an authenticated request (after {@link #caller()}), e.g. to revoke it. */
    public String bearerToken() {
        caller();
        return request.getHeaders().get(HttpHeader.AUTHORIZATION).substring(7).trim();
    }

    /** The authenticated caller; 401 when the request carries no valid token. */
    public Caller caller() {
        if (caller == null) {
            String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
            if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw ApiException.unauthenticated("this call needs a token; log in first (POST /api/v1/login)");
            }
            caller = authenticator.resolve(authorization.substring(7).trim()).orElseThrow(() ->
                    ApiException.unauthenticated("the token is unknown, expired or revoked; log in again"));
        }
        return caller;
    }

    public <T> T body(Class<T> type) {
        long declared = request.getLength();
        if (declared > MAX_JSON_BYTES) {
            throw new ApiException(413, "too-large", "a JSON body may be at most " + MAX_JSON_BYTES + " bytes, this one is " + declared);
        }
        byte[] bytes;
        try (InputStream in = Content.Source.asInputStream(request)) {
            bytes = in.readNBytes(MAX_JSON_BYTES + 1);
        } catch (IOException e) {
            throw ApiException.badRequest("the request body could not be read: " + e.getMessage());
        }
        if (bytes.length > MAX_JSON_BYTES) {
            throw new ApiException(413, "too-large", "a JSON body may be at most " + MAX_JSON_BYTES + " bytes");
        }
        if (bytes.length == 0) {
            throw ApiException.badRequest("this call needs a JSON body");
        }
        try {
            return Json.mapper().readValue(bytes, type);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause();
            throw ApiException.badRequest(cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("the request body could not be read: " + e.getMessage());
        }
    }

    /** The request body as a stream, for content that must never sit whole in memory. */
    public InputStream bodyStream() {
        return Content.Source.asInputStream(request);
    }

    public void json(int status, Object value) throws IOException {
        byte[] bytes = Json.mapper().writeValueAsBytes(value);
        send(status, "application/json", bytes);
    }

    public void noContent() throws IOException {
        answered = true;
        response.setStatus(204);
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            out.flush();
        }
    }

    void send(int status, String contentType, byte[] bytes) throws IOException {
        answered = true;
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            out.write(bytes);
        }
    }

    /** Streams a file as the answer, with its length and SHA-256 in the headers. */
    public void file(Path file, long size, String sha256) throws IOException {
        answered = true;
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, size);
        if (sha256 != null) {
            response.getHeaders().put("X-XW-SHA256", sha256);
        }
        try (OutputStream out = Content.Sink.asOutputStream(response); InputStream in = Files.newInputStream(file)) {
            in.transferTo(out);
        }
    }

    boolean answered() {
        return answered;
    }

    boolean committed() {
        return response.isCommitted();
    }
}
