package xtremweb.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import xtremweb.common.model.UserRights;
import xtremweb.server.policy.Caller;

/**
 * Uploads sent slowly by one authenticated caller: about 200 of them at 1 KiB/s (within the body
 * pace) held every place of the admission limit, so one user, or one volunteer's host token,
 * denied service to everybody. An upload now holds one of its caller's upload places instead: the
 * caller's upload beyond {@code upload.perCaller} is refused at once with 429 and Retry-After, the
 * other callers' calls and uploads go on, and one big upload on a slow line still arrives whole.
 */
class UploadBoundTest {
    private static final BodyPace PACE = new BodyPace(Duration.ofSeconds(5), Duration.ofSeconds(1), 100);
    private Server jetty;
    private int port;

    @BeforeEach
    void start() throws Exception {
        Router router = new Router()
                .route("POST", "/json", ex -> ex.json(200, ex.body(Map.class)))
                .streaming("PUT", "/bytes", ex -> {
                    ex.caller();
                    try (InputStream in = ex.bodyStream()) {
                        ex.json(200, Map.of("bytes", in.transferTo(OutputStream.nullOutputStream())));
                    }
                });
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        jetty.setErrorHandler(new ProblemErrorHandler());
        // One place for the whole server, two uploads per caller: tokens "alice", "bob" and "host" (one of bob's hosts).
        jetty.setHandler(new ApiHandler(router, token -> switch (token) {
            case "alice" -> Optional.of(new Caller("u1", "alice", UserRights.STANDARD_USER, null, null));
            case "bob" -> Optional.of(new Caller("u2", "bob", UserRights.STANDARD_USER, null, null));
            case "host" -> Optional.of(new Caller("u2", "bob", UserRights.STANDARD_USER, null, "h1"));
            default -> Optional.empty();
        }, new Admission(1), new LongPolls(LongPolls.DEFAULT_PER_CALLER), new Uploads(2), PACE));
        jetty.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        jetty.stop();
    }

    private Socket slowUpload(String token, long length) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.getOutputStream().write(("PUT /bytes HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                + "\r\nContent-Length: " + length + "\r\n\r\n" + "x".repeat(200)).getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** The status line and headers of the answer, or null when the server is still silent after {@code wait}. */
    private static String answer(Socket socket, Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try {
            socket.getInputStream().transferTo(got);
        } catch (SocketTimeoutException stillOpen) {
            return got.size() == 0 ? null : got.toString(StandardCharsets.UTF_8);
        } catch (IOException reset) {
            // Closed on us: what came before counts.
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    private String call(String method, String path, String token, String body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
            socket.getOutputStream().write((method + " " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                    + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return answer(socket, Duration.ofSeconds(5));
        }
    }

    @Test
    void slowUploadsHoldNoAdmissionPlaceAndOneCallerBeyondItsBoundIsRefusedWith429() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            held.add(slowUpload("alice", 1_000_000));
            held.add(slowUpload("alice", 1_000_000));
            Thread.sleep(300);
            // Alice's two uploads still arriving: the server's one place is free for anybody's call.
            assertThat(call("POST", "/json", null, "{\"a\":1}")).startsWith("HTTP/1.1 200").contains("{\"a\":1}");
            // Her third upload is refused at once, saying when to come back.
            String refused = call("PUT", "/bytes", "alice", "xyz");
            assertThat(refused).startsWith("HTTP/1.1 429").contains("too-many-uploads").contains("upload.perCaller");
            assertThat(refused.toLowerCase(java.util.Locale.ROOT)).contains("retry-after: " + Uploads.RETRY_AFTER.toSeconds());
            // Bob's own uploads, and his host's, are counted apart from hers.
            assertThat(call("PUT", "/bytes", "bob", "xyz")).startsWith("HTTP/1.1 200").contains("{\"bytes\":3}");
            assertThat(call("PUT", "/bytes", "host", "xyz")).startsWith("HTTP/1.1 200").contains("{\"bytes\":3}");
            // One of hers ends: her next upload is taken again.
            held.remove(0).close();
            Thread.sleep(300);
            assertThat(call("PUT", "/bytes", "alice", "xyz")).startsWith("HTTP/1.1 200");
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void aBigUploadOnASlowLineArrivesWholeWhileTheCallerHoldsItsOtherPlace() throws Exception {
        try (Socket other = slowUpload("alice", 1_000_000); Socket slow = new Socket("127.0.0.1", port)) {
            // Above the pace (100 bytes/s) but slow: 2 s at about 500 bytes/s, past the pace's grace.
            int length = 1000;
            OutputStream out = slow.getOutputStream();
            out.write(("PUT /bytes HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer alice\r\nContent-Length: " + length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            for (int sent = 0; sent < length; sent += 100) {
                out.write("y".repeat(100).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(200);
            }
            assertThat(answer(slow, Duration.ofSeconds(5))).startsWith("HTTP/1.1 200").contains("{\"bytes\":" + length + "}");
        }
    }

    @Test
    void anUploadWithoutAValidTokenIsRefusedWith401BeforeItTakesAPlace() throws Exception {
        assertThat(call("PUT", "/bytes", "nobody", "xyz")).startsWith("HTTP/1.1 401");
        assertThat(call("PUT", "/bytes", null, "xyz")).startsWith("HTTP/1.1 401");
    }
}
