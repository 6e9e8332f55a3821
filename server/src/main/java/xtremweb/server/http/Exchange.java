package xtremweb.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Fields;
import xtremweb.common.json.Json;
import xtremweb.common.model.Uid;
import xtremweb.server.logging.Mdc;
import xtremweb.server.policy.Caller;
import xtremweb.server.refusal.InvalidInput;
import xtremweb.server.refusal.RangeNotSatisfiable;
import xtremweb.server.refusal.TooLarge;
import xtremweb.server.refusal.TooManyAttempts;
import xtremweb.server.refusal.Unauthenticated;

/** One request and its response, with the blocking helpers the endpoints need. */
public final class Exchange {
    /** JSON bodies above this size are refused; data content streams and has no such limit. */
    static final int MAX_JSON_BYTES = 1024 * 1024;
    private static final long DISCARD_LIMIT = 64L << 20;

    private final Request request;
    private final Response response;
    private final Map<String, String> params;
    private final Authenticator authenticator;
    private final BodyPace pace;
    private final FailedTokens failedTokens;
    /** When the first read of the body started ({@link System#nanoTime()}), and the bytes read since; -1 before. */
    private long bodyStarted = -1;
    private long bodyBytes;
    /** The connection's idle timeout before the body was read, restored by {@link #endBody()}; -1 when untouched. */
    private long idleTimeoutBefore = -1;
    private Caller caller;
    /** The JSON body read ahead of the admission limit ({@link #readJsonAhead}), null when not read. */
    private byte[] ahead;
    /** Why the body read ahead was refused, thrown by {@link #body} once the call has checked its token. */
    private RuntimeException aheadRefusal;
    private Fields query;
    private boolean answered;

    Exchange(Request request, Response response, Map<String, String> params, Authenticator authenticator) {
        this(request, response, params, authenticator, BodyPace.DEFAULT);
    }

    Exchange(Request request, Response response, Map<String, String> params, Authenticator authenticator, BodyPace pace) {
        this(request, response, params, authenticator, pace, new FailedTokens(java.time.Clock.systemUTC()));
    }

    Exchange(Request request, Response response, Map<String, String> params, Authenticator authenticator, BodyPace pace,
             FailedTokens failedTokens) {
        this.failedTokens = failedTokens;
        this.request = request;
        this.response = response;
        this.params = params;
        this.authenticator = authenticator;
        this.pace = pace;
    }

    /**
     * The request body as it arrives, held to the {@link BodyPace}: the connection may not stay
     * silent longer than its stall while the body is read, and a body falling behind its rate fails
     * the read (an IOException, as a client gone).
     */
    private InputStream rawBody() {
        if (bodyStarted < 0) {
            bodyStarted = System.nanoTime();
            EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
            idleTimeoutBefore = endPoint.getIdleTimeout();
            if (idleTimeoutBefore <= 0 || idleTimeoutBefore > pace.stall().toMillis()) {
                endPoint.setIdleTimeout(pace.stall().toMillis());
            }
        }
        return new PacedBody(Content.Source.asInputStream(request));
    }

    /** Gives the connection its own idle timeout back once the body is read (a long poll may follow on it). */
    void endBody() {
        if (idleTimeoutBefore >= 0) {
            request.getConnectionMetaData().getConnection().getEndPoint().setIdleTimeout(idleTimeoutBefore);
            idleTimeoutBefore = -1;
        }
    }

    /** Counts the bytes of the body and cuts it once it falls behind the pace. */
    private final class PacedBody extends java.io.FilterInputStream {
        PacedBody(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            paced(b < 0 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            paced(n);
            return n;
        }

        private void paced(int n) throws IOException {
            if (n < 0) {
                // The whole body is in (or there was none, as on a GET): a long poll may now wait on this connection.
                endBody();
                return;
            }
            bodyBytes += n;
            long elapsed = System.nanoTime() - bodyStarted;
            if (pace.behind(bodyBytes, elapsed)) {
                throw new IOException("the body arrived at " + Math.round((double) bodyBytes * 1_000_000_000L / elapsed)
                        + " bytes/s, slower than the " + pace.minBytesPerSecond() + " bytes/s the server waits for");
            }
        }
    }

    /**
     * A path parameter. One shaped like a UID is lowercased: UIDs are lowercase UUIDs, and one typed
     * in capitals names the same object (as it does in {@code POST /works/await}'s list).
     */
    public String param(String name) {
        String value = params.get(name);
        return Uid.isUid(value) ? value.toLowerCase(Locale.ROOT) : value;
    }


    public Optional<String> query(String name) {
        // Taking the first of two values silently would answer another question than the one asked
        // (?status=PENDING&status=RUNNING listed only the pending works).
        List<String> values = queryFields().getValues(name);
        if (values != null && values.size() > 1) {
            throw new InvalidInput("the query gives '" + name + "' " + values.size() + " times; give it once");
        }
        return Optional.ofNullable(queryFields().getValue(name)).filter(v -> !v.isBlank());
    }

    /** The decoded query; refused (400) when it is not percent-encoded UTF-8, whichever call it goes to. */
    Fields queryFields() {
        if (query == null) {
            try {
                query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                throw new InvalidInput("the query string is not valid percent-encoded UTF-8; encode each value with"
                        + " %XX escapes of its UTF-8 bytes");
            }
        }
        return query;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(request.getHeaders().get(name)).filter(v -> !v.isBlank());
    }

    /** The client's IP address, for throttling failed logins. */
    public String remoteAddress() {
        return Request.getRemoteAddr(request);
    }

    /**
     * The certificate chain the client presented in this connection's TLS handshake, its own
     * certificate first; empty when it presented none. Only the handshake proves that the client
     * holds the key, so no header or body can stand in for it.
     */
    public List<X509Certificate> peerCertificates() {
        if (request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData tls
                && tls.peerCertificates() != null) {
            return List.of(tls.peerCertificates());
        }
        return List.of();
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
                throw new Unauthenticated("this call needs a token; log in first (POST /api/v1/login)");
            }
            caller = authenticated(authorization.substring(7).trim()).orElseThrow(() ->
                    new Unauthenticated("the token is unknown, expired or revoked; log in again"));
            Mdc.put(Mdc.USER, caller.login());
            Mdc.put(Mdc.HOST, caller.hostUid());
        }
        return caller;
    }

    /**
     * The token's caller, read from the database only when the token was not found unknown lately
     * and its address is not over its unknown tokens (then a token not in memory is refused, 429).
     */
    private Optional<Caller> authenticated(String token) {
        String address = remoteAddress();
        Optional<Caller> found;
        try {
            failedTokens.checkMayLookUp(address);
            found = failedTokens.knownUnknown(token) ? Optional.empty() : authenticator.resolve(token);
        } catch (TooManyAttempts refused) {
            // Only what the server holds in memory goes through from this address now.
            return Optional.of(authenticator.remembered(token).orElseThrow(() -> refused));
        }
        if (found.isEmpty()) {
            failedTokens.failed(address, token);
        }
        return found;
    }

    /**
     * Checks a token of another kind than the bearer tokens of {@link #caller()} (a pilot's grant)
     * under the same bound on unknown tokens per address: {@code check} reads the database and
     * refuses with 401 a token that opens nothing, which counts as a failure of this address.
     */
    public <T> T tokenChecked(java.util.function.Supplier<T> check) {
        String address = remoteAddress();
        failedTokens.checkMayLookUp(address);
        try {
            return check.get();
        } catch (Unauthenticated refused) {
            // Counted for the address only: a token of this kind opens no bearer call and is looked up apart.
            failedTokens.failed(address, null);
            throw refused;
        }
    }

    public <T> T body(Class<T> type) {
        if (aheadRefusal != null) {
            throw aheadRefusal;
        }
        byte[] bytes = ahead != null ? ahead : jsonBytes();
        if (bytes.length == 0) {
            throw new InvalidInput("this call needs a JSON body");
        }
        return StrictJson.read(bytes, type);
    }

    /**
     * Reads the JSON body, if any, before the call takes a place of the admission limit: a client
     * sending its body slowly then holds a thread for a while, never a place the other callers
     * need. A refusal (too large, stopped arriving) is kept for {@link #body} to throw, so the call
     * still checks its token first.
     */
    void readJsonAhead() {
        if (ahead != null || aheadRefusal != null) {
            return;
        }
        try {
            ahead = jsonBytes();
        } catch (TooLarge | InvalidInput refused) {
            aheadRefusal = refused;
        }
    }

    private byte[] jsonBytes() {
        long declared = request.getLength();
        if (declared > MAX_JSON_BYTES) {
            throw new TooLarge("too-large", "a JSON body may be at most " + MAX_JSON_BYTES + " bytes, this one is " + declared);
        }
        byte[] bytes;
        try (InputStream in = rawBody()) {
            bytes = in.readNBytes(MAX_JSON_BYTES + 1);
        } catch (IOException e) {
            throw new InvalidInput("the request body stopped arriving before its end; send it again");
        }
        if (bytes.length > MAX_JSON_BYTES) {
            throw new TooLarge("too-large", "a JSON body may be at most " + MAX_JSON_BYTES + " bytes");
        }
        return bytes;
    }

    /**
     * Reads and drops what is left of the request body, up to {@link #DISCARD_LIMIT} bytes, before a
     * refusal is sent: most clients send their whole body before reading the answer, and a
     * connection closed on unread bytes loses the answer with it. Past the limit the connection is
     * simply closed.
     */
    void discardRestOfBody() {
        try {
            InputStream in = rawBody();
            byte[] buffer = new byte[1 << 16];
            for (long left = DISCARD_LIMIT; left > 0; ) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    return;
                }
                left -= n;
            }
        } catch (IOException | RuntimeException e) {
            // The client is gone or sent a broken body: the answer will not arrive anyway.
        }
    }

    /**
     * Watches, until the returned watch is closed, whether the client hangs up while this request is
     * held (a long poll). Close it before answering.
     */
    public HangUpWatch watchHangUp() {
        return HangUpWatch.on(request.getConnectionMetaData().getConnection().getEndPoint());
    }

    /** The request's Content-Length, -1 when it did not say (chunked). */
    public long contentLength() {
        return request.getLength();
    }

    /** The request body as a stream, for content that must never sit whole in memory. */
    public InputStream bodyStream() {
        if (ahead != null || aheadRefusal != null) {
            throw new IllegalStateException("the body of this call was read ahead as JSON; register its route with Router.streaming");
        }
        return new ClientBody(rawBody());
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

    /** Writes an answer whose length is not known before it is written. */
    @FunctionalInterface
    public interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Streams an answer of unknown length (sent in chunks): the status goes with the first bytes,
     * so everything that can be refused is checked before. A failure while writing cuts the
     * connection: the client sees the answer end early, never a whole-looking one.
     */
    public void stream(int status, String contentType, BodyWriter writer) throws IOException {
        answered = true;
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            writer.write(out);
        }
    }

    /** Sets a header of the answer (before it is sent): caching or content-security rules, say. */
    public void responseHeader(String name, String value) {
        response.getHeaders().put(name, value);
    }

    /** Answers with these bytes: a page, a script, the metrics text. */
    public void send(int status, String contentType, byte[] bytes) throws IOException {
        answered = true;
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            out.write(bytes);
        }
    }

    /** Where a file's bytes come from: opened at a byte, for so many bytes (the data store's ranged read). */
    @FunctionalInterface
    public interface Ranged {
        InputStream open(long first, long length) throws IOException;
    }

    /**
     * Streams a file as the answer, with its length and SHA-256 in the headers. Honours a single
     * {@code Range: bytes=} (206 with {@code Content-Range}) so an interrupted download resumes;
     * the ETag is the SHA-256, and an {@code If-Range} naming another one gets the whole file.
     * An {@code If-None-Match} naming it is answered 304 without a byte: the caller already holds
     * this content (xwresult asks so for a result zip it has, instead of first reading the data's
     * record for its checksum).
     * The source is opened before the status is sent, so content that is not there is still
     * answered with a problem, not a broken 200. Returns the bytes sent.
     */
    public long file(Ranged source, long size, String sha256) throws IOException {
        answered = true;
        String etag = sha256 == null ? null : "\"" + sha256 + "\"";
        if (etag != null && EntityTags.anyMatches(request.getHeaders().getValuesList(HttpHeader.IF_NONE_MATCH), etag)) {
            response.setStatus(304);
            response.getHeaders().put(HttpHeader.ETAG, etag);
            response.getHeaders().put("X-XW-SHA256", sha256);
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                out.flush();
            }
            return 0;
        }
        ByteRange range = ByteRange.of(header("Range").orElse(null), size);
        String ifRange = header("If-Range").orElse(null);
        if (range != null && ifRange != null && !ifRange.equals(etag)) {
            range = null;
        }
        if (range != null && range.unsatisfiable()) {
            throw new RangeNotSatisfiable("range-not-satisfiable", "the data is " + size
                    + " bytes; ask for a range inside it, or for the whole file without Range");
        }
        long first = range == null ? 0 : range.first();
        long length = range == null ? size : range.length();
        // Opened before the status and headers go: content that is not there is a problem answer, not a cut connection.
        InputStream in = source.open(first, length);
        response.setStatus(range == null ? 200 : 206);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
        response.getHeaders().put(HttpHeader.ACCEPT_RANGES, "bytes");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
        if (range != null) {
            response.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes " + first + "-" + (first + length - 1) + "/" + size);
        }
        if (sha256 != null) {
            response.getHeaders().put("X-XW-SHA256", sha256);
            response.getHeaders().put(HttpHeader.ETAG, etag);
        }
        try (in; OutputStream out = Content.Sink.asOutputStream(response)) {
            byte[] buffer = new byte[1 << 16];
            for (long left = length; left > 0; ) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("the stored content is shorter than the " + size + " bytes recorded for it");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
        return length;
    }

    boolean answered() {
        return answered;
    }

    boolean committed() {
        return response.isCommitted();
    }
}
