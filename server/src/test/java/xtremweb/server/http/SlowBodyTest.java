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
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A request body that trickles in or stops is cut after the body pace's stall, not held for the
 * connection idle timeout: a few hundred such connections ("slow POST", no account needed) held
 * every thread and admission place, and the server answered 503 to everybody.
 */
class SlowBodyTest {
    private static final BodyPace PACE = new BodyPace(Duration.ofSeconds(1), Duration.ofSeconds(1), 1000);
    private static Server jetty;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        Router router = new Router()
                .route("POST", "/json", ex -> ex.json(200, ex.body(Map.class)))
                .streaming("PUT", "/bytes", ex -> {
                    try (InputStream in = ex.bodyStream()) {
                        ex.json(200, Map.of("bytes", in.transferTo(OutputStream.nullOutputStream())));
                    }
                })
                // A long poll: its body read, it waits longer than the stall before answering.
                .route("POST", "/wait", ex -> {
                    Map<?, ?> body = ex.body(Map.class);
                    Thread.sleep(2500);
                    ex.json(200, body);
                });
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setIdleTimeout(Duration.ofSeconds(60).toMillis());
        jetty.addConnector(connector);
        jetty.setErrorHandler(new ProblemErrorHandler());
        // Uploads need a token, as every real one does (they take one of their caller's places).
        jetty.setHandler(new ApiHandler(router, token -> token.equals("t") ? Optional.of(new xtremweb.server.policy.Caller("u1", "alice",
                xtremweb.common.model.UserRights.STANDARD_USER, null, null)) : Optional.empty(), Admission.unbounded(), PACE));
        jetty.start();
        port = connector.getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.stop();
    }

    private static String head(String method, String path, long length) {
        return method + " " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nContent-Type: application/json\r\nContent-Length: "
                + length + "\r\n\r\n";
    }

    /** What the server sends until it closes the connection, or null when it is still silent after {@code wait}. */
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

    @Test
    void aBodyThatStopsArrivingIsCutAfterTheStallNotHeldForTheIdleTimeout() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            long started = System.nanoTime();
            socket.getOutputStream().write((head("POST", "/json", 100) + "{").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = answer(socket, Duration.ofSeconds(10));
            assertThat(answer).as("the server still waits for the body after 10 s").isNotNull();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
        }
    }

    @Test
    void aBodyTricklingInBelowTheRateIsCutOnceTheGraceHasPassed() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            long started = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            out.write(head("PUT", "/bytes", 1000).getBytes(StandardCharsets.US_ASCII));
            // One byte every 300 ms: never silent for the stall, but 3 bytes/s.
            try {
                for (int i = 0; i < 40; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(300);
                    if (socket.getInputStream().available() > 0) {
                        break;
                    }
                }
            } catch (IOException cut) {
                // The server closed the connection: that is the point.
            }
            String answer = answer(socket, Duration.ofSeconds(2));
            assertThat(answer).as("the server still reads the trickle").isNotNull();
            assertThat(answer).doesNotStartWith("HTTP/1.1 200");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        }
    }

    @Test
    void aSteadyBodyArrivesWholeAndALongPollAfterItsBodyIsNotCut() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            byte[] body = "x".repeat(4000).getBytes(StandardCharsets.US_ASCII);
            out.write(head("PUT", "/bytes", body.length).getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 4; i++) {
                out.write(body, i * 1000, 1000);
                out.flush();
                Thread.sleep(300);
            }
            byte[] json = "{\"a\":1}".getBytes(StandardCharsets.US_ASCII);
            // The same connection, kept alive: a call that waits longer than the stall after its body.
            out.write(head("POST", "/wait", json.length).getBytes(StandardCharsets.US_ASCII));
            out.write(json);
            out.flush();
            socket.shutdownOutput();
            String answers = answer(socket, Duration.ofSeconds(10));
            assertThat(answers).contains("{\"bytes\":4000}").contains("{\"a\":1}");
        }
    }

    @Test
    void aBodyStillArrivingHoldsNoPlaceOfTheAdmissionLimit() throws Exception {
        // One place only, and a pace that waits long: the slow body must not take the place meanwhile.
        Server one = new Server();
        ServerConnector connector = new ServerConnector(one);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        one.addConnector(connector);
        one.setHandler(new ApiHandler(new Router().route("POST", "/json", ex -> ex.json(200, ex.body(Map.class))),
                token -> Optional.empty(), new Admission(1), new BodyPace(Duration.ofSeconds(30), Duration.ofSeconds(30), 1)));
        one.start();
        try (Socket slow = new Socket("127.0.0.1", connector.getLocalPort());
             Socket quick = new Socket("127.0.0.1", connector.getLocalPort())) {
            slow.getOutputStream().write((head("POST", "/json", 100) + "{").getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            Thread.sleep(300);
            byte[] json = "{\"a\":1}".getBytes(StandardCharsets.US_ASCII);
            quick.getOutputStream().write(head("POST", "/json", json.length).getBytes(StandardCharsets.US_ASCII));
            quick.getOutputStream().write(json);
            quick.shutdownOutput();
            assertThat(answer(quick, Duration.ofSeconds(5))).startsWith("HTTP/1.1 200").contains("{\"a\":1}");
        } finally {
            one.stop();
        }
    }
}
