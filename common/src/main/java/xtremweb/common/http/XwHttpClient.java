package xtremweb.common.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import xtremweb.common.json.Json;
import xtremweb.common.wire.Problem;
import xtremweb.common.x509.Credential;

/**
 * Calls the server's {@code /api/v1/} over HTTPS with the pinned certificate and a bearer token.
 * Bodies are JSON except data content, which streams from and to files and never sits in memory.
 *
 * <p>Every failure surfaces as one of two exceptions with a sentence for people:
 * {@link XwApiException} (the server said no) or {@link XwConnectException} (no server, wrong
 * certificate, timeout).
 */
public final class XwHttpClient {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final ServerList servers;
    private final HttpClient http;
    private final ObjectMapper json = Json.mapper();
    private volatile String token;
    private volatile TokenRenewal renewal;
    private volatile java.util.function.UnaryOperator<XwConnectException> advice = java.util.function.UnaryOperator.identity();

    /** How long an idle connection is kept for the next call, unless the JVM was told otherwise. */
    public static final String KEEP_ALIVE_SECONDS = "60";

    static {
        // The JDK closes idle connections after 30 s, but an idle worker of a large grid is told to
        // wait 20 to 40 s between work requests: without this, most of its calls would pay a new
        // TLS handshake (the server's costliest work when thousands of hosts poll). The server
        // keeps idle connections 90 s, longer than this.
        if (System.getProperty("jdk.httpclient.keepalive.timeout") == null) {
            System.setProperty("jdk.httpclient.keepalive.timeout", KEEP_ALIVE_SECONDS);
        }
    }

    public XwHttpClient(URI base, List<X509Certificate> pinnedServerCertificates) {
        this(base, pinnedServerCertificates, null);
    }

    /**
     * A client that also presents {@code credential} (a user's or host's certificate, or a proxy)
     * when the server asks for a client certificate, for {@code POST /api/v1/login/certificate};
     * null presents none. The private key signs the TLS handshake and never leaves this process.
     */
    public XwHttpClient(URI base, List<X509Certificate> pinnedServerCertificates, Credential credential) {
        this(List.of(base), pinnedServerCertificates, credential);
    }

    /**
     * A client of a grid of several servers ({@code dispatcher.servers} lists them): calls go to one
     * of them, and move to the next when it cannot be reached or fails (see {@link ServerList}).
     * All must present one of the pinned certificates (one identity for the grid).
     */
    public XwHttpClient(List<URI> bases, List<X509Certificate> pinnedServerCertificates, Credential credential) {
        this.servers = new ServerList(bases);
        SSLParameters tls = new SSLParameters();
        tls.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        this.http = HttpClient.newBuilder()
                .sslContext(PinnedTrust.sslContext(pinnedServerCertificates, credential == null ? null : credential.keyManager()))
                .sslParameters(tls)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** {@code https://host:port} for a server name and port as written in the configuration. */
    public static URI serverUri(String host, int port) {
        return URI.create("https://" + host + ":" + port);
    }

    /**
     * The servers named by {@code dispatcher.servers} (space- or comma-separated, as the manual
     * writes it): each {@code host}, {@code host:port} or {@code [v6-address]:port}, with
     * {@code defaultPort} ({@code port.https}) where no port is written.
     */
    public static List<URI> serverUris(String servers, int defaultPort) {
        List<URI> uris = new java.util.ArrayList<>();
        for (String entry : servers.trim().split("[,\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.lastIndexOf(':');
            boolean hasPort = colon > 0 && (entry.startsWith("[") ? entry.charAt(colon - 1) == ']' : entry.indexOf(':') == colon);
            if (!hasPort) {
                uris.add(serverUri(entry.startsWith("[") || !entry.contains(":") ? entry : "[" + entry + "]", defaultPort));
                continue;
            }
            String host = entry.substring(0, colon);
            try {
                int port = Integer.parseInt(entry.substring(colon + 1));
                if (port < 1 || port > 65_535) {
                    throw new NumberFormatException();
                }
                uris.add(serverUri(host, port));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("dispatcher.servers entry '" + entry + "' has no valid port after ':'", e);
            }
        }
        if (uris.isEmpty()) {
            throw new IllegalArgumentException("dispatcher.servers names no server");
        }
        return List.copyOf(uris);
    }

    /** Every server of {@code servers} as written, joined by spaces (what configurations store). */
    public static String serverList(String servers) {
        return String.join(" ", servers.trim().split("[,\\s]+"));
    }

    /** The server calls go to now (the first of the list until one fails). */
    public URI base() {
        return servers.current();
    }

    /**
     * Rewords every failure to reach a server (refused, unknown name, another certificate) so that
     * it names what to fix where the person reading it set it: the worker's or client's
     * configuration file, or the GUI's Log in dialog. This layer only knows the keys, not where they
     * were written.
     */
    public void advise(java.util.function.UnaryOperator<XwConnectException> howToFix) {
        this.advice = java.util.Objects.requireNonNull(howToFix, "howToFix");
    }

    /** The bearer token sent from now on (null to send none). */
    public void token(String bearerToken) {
        this.token = bearerToken;
    }

    public <T> T get(String path, Class<T> type) {
        return send(request(path).GET(), json.constructType(type));
    }

    public <T> T get(String path, TypeReference<T> type) {
        return send(request(path).GET(), json.getTypeFactory().constructType(type));
    }

    public <T> T post(String path, Object body, Class<T> type) {
        return send(jsonBody(request(path), "POST", body), json.constructType(type));
    }

    public <T> T post(String path, Object body, TypeReference<T> type) {
        return send(jsonBody(request(path), "POST", body), json.getTypeFactory().constructType(type));
    }

    /** The header naming one request that creates objects, the same on each of its retries (API.md). */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** How many times in all a creating POST is sent while its answer is lost or the server is away. */
    static final int CREATE_ATTEMPTS = 5;
    /** The pause before the first repetition of a creating POST; it doubles each time (0.5, 1, 2, 4 s: a server restart). */
    static final Duration CREATE_PAUSE = Duration.ofMillis(500);
    private volatile Duration createPause = CREATE_PAUSE;

    /** The pause before the first repetition of a creation whose answer was lost (doubled for each next one); 0.5 s by default. */
    public void creationPause(Duration first) {
        this.createPause = java.util.Objects.requireNonNull(first);
    }

    /**
     * A POST that creates something (a work, a sweep's batch, a data, an app, a user): sent with an
     * {@code Idempotency-Key} made for this call and sent again, with the same key, when its answer
     * is lost (the connection cut or timed out, the server restarting: 500, 502, 503, 504), up to
     * {@link #CREATE_ATTEMPTS} times in all. The server answers a repetition with what the first
     * one created, so nothing is created twice. Refusals (4xx) are the caller's at once.
     */
    public <T> T postCreating(String path, Object body, Class<T> type) {
        return postCreating(path, body, type, java.util.UUID.randomUUID().toString());
    }

    /** The same with the caller's {@code key} (one logical operation that may outlive this call). */
    public <T> T postCreating(String path, Object body, Class<T> type, String key) {
        return postCreating(path, body, type, key, true);
    }

    /**
     * A POST creating what is named once per owner (a session, a group) or once in the grid (a
     * user's login), sent again as {@link #postCreating} sends it, but with the key on the
     * repetitions only. The server keeps no key for these: any keyed request naming one that exists
     * "as asked" is taken for a repetition. With a key from the first attempt, a second
     * {@code xwsendsession run-1} was answered with the first run-1 instead of being refused (409
     * naming it), and the two runs' works ended mixed in one session.
     */
    public <T> T postCreatingNamed(String path, Object body, Class<T> type) {
        return postCreating(path, body, type, java.util.UUID.randomUUID().toString(), false);
    }

    private <T> T postCreating(String path, Object body, Class<T> type, String key, boolean keyedFirst) {
        Duration pause = createPause;
        for (int attempt = 1; ; attempt++) {
            try {
                HttpRequest.Builder request = jsonBody(request(path), "POST", body);
                return send(keyedFirst || attempt > 1 ? request.header(IDEMPOTENCY_KEY, key) : request, json.constructType(type));
            } catch (XwConnectException | XwApiException e) {
                if (attempt >= CREATE_ATTEMPTS || !answerLost(e) || Thread.currentThread().isInterrupted()
                        || !ServerList.pause(pause)) {
                    throw e;
                }
                pause = pause.multipliedBy(2);
            }
        }
    }

    /** Whether a call may have been lost on its way, so that sending it again (with its key) is what to do. */
    static boolean answerLost(RuntimeException e) {
        if (e instanceof XwApiException a) {
            return a.status() == 500 || a.status() == 502 || a.status() == 503 || a.status() == 504;
        }
        XwConnectException c = (XwConnectException) e;
        // Not a certificate or a name to fix, nor an answer this client cannot read (another version).
        return c.reason() == XwConnectException.Reason.REFUSED || c.reason() == XwConnectException.Reason.OTHER
                && !(c.getCause() instanceof com.fasterxml.jackson.core.JacksonException) && !(c.getCause() instanceof InterruptedException);
    }

    /** A call whose answer, if any, does not matter (204, or a body that is ignored). */
    public void postNoContent(String path, Object body) {
        send(jsonBody(request(path), "POST", body), null);
    }

    /** The same, given at most {@code timeout}: a process that is stopping cannot wait a minute. */
    public void postNoContent(String path, Object body, Duration timeout) {
        send(jsonBody(request(path), "POST", body).timeout(timeout), null);
    }

    public <T> T put(String path, Object body, Class<T> type) {
        return send(jsonBody(request(path), "PUT", body), json.constructType(type));
    }

    public void delete(String path) {
        send(request(path).DELETE(), null);
    }

    /** A DELETE whose server says what it did in a body; null when it answers 204 (older servers). */
    public <T> T delete(String path, Class<T> type) {
        return send(request(path).DELETE(), json.constructType(type));
    }

    /**
     * Bodies up to this size go without {@code Expect: 100-continue}. The wait for the server's
     * "100 Continue" is a round trip of its own: for a small result it was as long as the rest of
     * the upload. A refusal of a small body loses nothing: the server reads and drops the body
     * before it answers, so the answer still arrives; even over a 1 Mbit/s uplink, 64 KiB sent
     * for nothing is half a second.
     */
    static final long EXPECT_CONTINUE_ABOVE = 64 * 1024;

    /** Streams a file as the body of a PUT (data content, results). */
    public <T> T upload(String path, Path file, Map<String, String> headers, Class<T> type) {
        HttpRequest.Builder builder = request(path).timeout(Duration.ofHours(6))
                .header("Content-Type", "application/octet-stream");
        headers.forEach(builder::header);
        try {
            // Expect: 100-continue lets the server refuse a large body (size, quota, rights) before
            // a byte of it is sent, and its answer arrives instead of a connection reset.
            builder.expectContinue(Files.size(file) > EXPECT_CONTINUE_ABOVE);
            builder.PUT(HttpRequest.BodyPublishers.ofFile(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return send(builder, json.constructType(type));
    }

    /**
     * Streams a GET answer into {@code target}, through a temporary file beside it so a half
     * download never looks like a whole one.
     */
    public void download(String path, Path target) {
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        HttpRequest request = request(path).timeout(Duration.ofHours(6)).GET().build();
        HttpResponse<InputStream> response = exchange(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() / 100 != 2) {
                throw problem(response.statusCode(), body.readAllBytes());
            }
            Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new XwConnectException("download of " + path + " from " + base() + " broke off: " + e.getMessage(), e);
        }
    }

    /**
     * Like {@link #download(String, Path)}, but a transfer cut by the network resumes: the bytes
     * already in {@code target.part} are kept and the rest is asked for with {@code Range} (and
     * {@code If-Range} on the content's SHA-256, so a changed content restarts from zero). Tries
     * {@code attempts} times in this call; a {@code .part} left by an earlier run is resumed too.
     * The whole file is checked against the server's SHA-256 before it takes {@code target}'s name.
     *
     * @param progress told the bytes on disk and the total (-1 when unknown) as they grow
     */
    public void downloadResuming(String path, Path target, int attempts, Progress progress) {
        download(path, target, null, attempts, progress);
    }

    /**
     * Like {@link #downloadResuming}, but when {@code target} already exists the server is told its
     * SHA-256 ({@code If-None-Match}) and, holding the same content, sends nothing: one call tells
     * whether the file is current, instead of reading the data's record first. A server that does
     * not know the header sends the whole file, checked as always.
     *
     * @return false when {@code target} was already the content (left as it is), true when downloaded
     */
    public boolean downloadResumingUnlessHeld(String path, Path target, int attempts, Progress progress) {
        String held;
        try {
            held = Files.isRegularFile(target) ? RangedDownload.sha256(target) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + target + ": " + e.getMessage(), e);
        }
        return download(path, target, held, attempts, progress);
    }

    private boolean download(String path, Path target, String heldSha256, int attempts, Progress progress) {
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        for (int attempt = 1; ; attempt++) {
            try {
                if (!RangedDownload.fetch(this, path, partial, heldSha256, progress)) {
                    return false;
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return true;
            } catch (XwConnectException e) {
                if (attempt >= attempts) {
                    throw new XwConnectException(e.getMessage() + "; " + partial + " keeps what arrived, run the same"
                            + " command again to resume", e);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + partial + ": " + e.getMessage(), e);
            }
        }
    }

    /** Watches a transfer: bytes done so far, total (-1 when unknown). */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> { };

        void update(long done, long total);
    }

    /**
     * Streams bytes {@code offset..total-1} of {@code file} as one piece of a resumable upload
     * ({@code Content-Range}); used to send a whole file resumably (offset 0) and to finish one.
     */
    public <T> T uploadPiece(String path, Path file, long offset, long total, Map<String, String> headers, Class<T> type,
                             Progress progress) {
        HttpRequest.Builder builder = request(path).timeout(Duration.ofHours(6)).expectContinue(total - offset > EXPECT_CONTINUE_ABOVE)
                .header("Content-Type", "application/octet-stream")
                .header("Content-Range", "bytes " + offset + "-" + (total - 1) + "/" + total);
        headers.forEach(builder::header);
        builder.PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                InputStream in = Files.newInputStream(file);
                in.skipNBytes(offset);
                return new CountingInputStream(in, offset, total, progress);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }), total - offset));
        return send(builder, json.constructType(type));
    }

    /** A GET whose body the caller streams; the caller closes it. Package-private for RangedDownload. */
    HttpResponse<InputStream> openStream(String path, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path).timeout(Duration.ofHours(6)).GET();
        headers.forEach(builder::header);
        return exchange(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    XwApiException problemOf(int status, byte[] body) {
        return problem(status, body);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base().resolve(path)).timeout(CALL_TIMEOUT)
                .header("Accept", "application/json");
        String t = token;
        if (t != null) {
            builder.header("Authorization", "Bearer " + t);
        }
        return builder;
    }

    private HttpRequest.Builder jsonBody(HttpRequest.Builder builder, String method, Object body) {
        try {
            return builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode request: " + e.getMessage(), e);
        }
    }

    /** Reads an answer as it streams in; the stream is closed after. */
    @FunctionalInterface
    public interface StreamReader<T> {
        T read(InputStream body) throws IOException;
    }

    /**
     * A POST with a JSON body whose answer {@code reader} streams (several contents in one answer);
     * a refusal is thrown as any call's. An answer that breaks off is an {@link XwConnectException}.
     */
    public <T> T postStreaming(String path, Object body, StreamReader<T> reader) {
        HttpRequest request = jsonBody(request(path), "POST", body).timeout(Duration.ofHours(6)).build();
        HttpResponse<InputStream> response = exchange(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() / 100 != 2) {
                throw problem(response.statusCode(), in.readAllBytes());
            }
            return reader.read(in);
        } catch (IOException e) {
            throw new XwConnectException("the answer to " + path + " from " + base() + " broke off: " + e.getMessage(), e);
        }
    }

    /** A GET the server may hold up to {@code wait} (a long poll). */
    public <T> T getWaiting(String path, Class<T> type, Duration wait) {
        return send(request(path).GET().timeout(wait.plus(CALL_TIMEOUT)), json.constructType(type));
    }

    /** Long polls hold the request open on the server: give them more time than an ordinary call. */
    public <T> T postWaiting(String path, Object body, Class<T> type, Duration wait) {
        HttpRequest.Builder builder = jsonBody(request(path), "POST", body).timeout(wait.plus(CALL_TIMEOUT));
        return send(builder, json.constructType(type));
    }

    private <T> T send(HttpRequest.Builder builder, JavaType type) {
        HttpResponse<byte[]> response = exchange(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 != 2) {
            throw problem(response.statusCode(), response.body());
        }
        if (type == null || response.statusCode() == 204 || response.body().length == 0) {
            return null;
        }
        try {
            return json.readValue(response.body(), type);
        } catch (IOException e) {
            throw new XwConnectException("the server at " + base() + " sent an answer this client cannot read ("
                    + e.getMessage() + "); are client and server the same version?", e);
        }
    }

    /**
     * Asked for a fresh bearer token when the server answers 401 to a call that carried one (the
     * token expired or was revoked while a long-running client polled); throws if it cannot log in.
     */
    @FunctionalInterface
    public interface TokenRenewal {
        String renew();
    }

    /** Renews the token once on a 401 and repeats the call; without it (the default) a 401 is the caller's. */
    public void tokenRenewal(TokenRenewal renewal) {
        this.renewal = renewal;
    }

    private <B> HttpResponse<B> exchange(HttpRequest request, HttpResponse.BodyHandler<B> handler) {
        HttpResponse<B> response = followHolder(failingOver(request, handler), handler);
        TokenRenewal renew = renewal;
        if (response.statusCode() != 401 || renew == null || request.headers().firstValue("Authorization").isEmpty()) {
            return response;
        }
        discard(response);
        String fresh = renew.renew();
        token = fresh;
        // The same call with the new token, to the server that answered 401 (the list may have moved on meanwhile).
        HttpRequest again = ServerList.retarget(HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase("Authorization"))
                .header("Authorization", "Bearer " + fresh).build(), response.uri());
        return followHolder(call(again, handler, response.uri()), handler);
    }

    /**
     * Sends {@code request} to the current server and, when it cannot be reached or fails in a way
     * another server may not ({@link ServerList#worthAnother}), to the next ones in turn, each at
     * most once per call, after a short jittered pause. The last failure is the caller's.
     */
    private <B> HttpResponse<B> failingOver(HttpRequest request, HttpResponse.BodyHandler<B> handler) {
        HttpRequest attempt = request;
        for (int tried = 1; ; tried++) {
            URI server = servers.current();
            try {
                HttpResponse<B> response = call(attempt, handler, server);
                if (tried >= servers.size() || !ServerList.worthAnother(request, response.statusCode())) {
                    return response;
                }
                discard(response);
            } catch (XwConnectException e) {
                if (tried >= servers.size() || !ServerList.worthAnother(request, e)
                        || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
            }
            URI next = servers.moveOn(server);
            if (!servers.pause()) {
                throw new XwConnectException("interrupted while moving from " + server + " to " + next, null);
            }
            attempt = ServerList.retarget(request, next);
        }
    }

    /**
     * A server of a grid whose servers keep data in their own directories answers 421 with the
     * address of the one holding the bytes: the same call goes there, once.
     */
    private <B> HttpResponse<B> followHolder(HttpResponse<B> response, HttpResponse.BodyHandler<B> handler) {
        if (response.statusCode() != 421) {
            return response;
        }
        java.util.Optional<String> holder = response.headers().firstValue(Problem.HOLDER_HEADER);
        if (holder.isEmpty() || !holder.get().startsWith("https://")) {
            return response;
        }
        URI target = URI.create(holder.get());
        discard(response);
        HttpRequest request = response.request();
        HttpRequest again = ServerList.retarget(request, target);
        return call(again, handler, target);
    }

    private static void discard(HttpResponse<?> response) {
        if (response.body() instanceof InputStream body) {
            try {
                body.close();
            } catch (IOException e) {
                // the refused answer's body is not needed
            }
        }
    }

    private <B> HttpResponse<B> call(HttpRequest request, HttpResponse.BodyHandler<B> handler) {
        return call(request, handler, servers.current());
    }

    private <B> HttpResponse<B> call(HttpRequest request, HttpResponse.BodyHandler<B> handler, URI base) {
        try {
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XwConnectException("interrupted while calling " + base, e);
        } catch (IOException e) {
            throw advice.apply(explain(e, base));
        }
    }

    private XwConnectException explain(IOException e, URI base) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof SSLHandshakeException) {
                break;
            }
            root = root.getCause();
        }
        if (certificateRefused(e)) {
            return new XwConnectException(XwConnectException.Reason.CERTIFICATE, "the server at " + base
                    + " is not the one this deployment pins (" + e.getMessage()
                    + "); check path.certfile points to the server's certificate", e, base);
        }
        if (e instanceof SSLHandshakeException || root instanceof SSLHandshakeException) {
            // No certificate was judged: the server went away mid-handshake (killed, stopping, restarting).
            return new XwConnectException("the server at " + base + " closed the connection during the TLS handshake"
                    + " (stopping or restarting?): " + e.getMessage(), e);
        }
        if (root instanceof UnresolvedAddressException || root instanceof UnknownHostException) {
            return new XwConnectException(XwConnectException.Reason.UNKNOWN_HOST, "cannot find the server '"
                    + base.getHost() + "': the name does not resolve; is dispatcher.servers right?", e, base);
        }
        if (e instanceof ConnectException || e instanceof HttpConnectTimeoutException) {
            return new XwConnectException(XwConnectException.Reason.REFUSED, "cannot connect to the server at " + base
                    + "; is it running, and are dispatcher.servers and port.https right?", e, base);
        }
        if (e instanceof HttpTimeoutException) {
            return new XwConnectException("the server at " + base + " did not answer in time", e);
        }
        return new XwConnectException("error talking to the server at " + base + ": " + e.getMessage(), e);
    }

    /**
     * Whether the TLS handshake failed over a certificate (the server's is not the pinned one, or the
     * server refused ours). A handshake the server cut off (killed or restarting while it ran) is
     * an SSLHandshakeException too, "Remote host terminated the handshake", but an outage to ride
     * through, not a path.certfile to fix.
     */
    static boolean certificateRefused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.security.cert.CertificateException || t instanceof java.security.cert.CertPathValidatorException
                    || t instanceof javax.net.ssl.SSLPeerUnverifiedException) {
                return true;
            }
            String message = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (message.contains("certificate") || message.contains("pkix")) {
                return true;
            }
        }
        return false;
    }

    private XwApiException problem(int status, byte[] body) {
        try {
            Problem problem = json.readValue(body, Problem.class);
            if (problem.detail() != null) {
                return new XwApiException(status, problem.code(), problem.detail());
            }
        } catch (IOException e) {
            // not problem+json (a proxy's page, say): fall through to the generic sentence
        }
        return new XwApiException(status, "http-" + status, "the server answered HTTP " + status);
    }
}
