package xtremweb.worker.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import xtremweb.common.wire.HostCredential;
import xtremweb.common.wire.ResultBatch;
import xtremweb.common.wire.ResultBatchReceipt;
import xtremweb.common.wire.TaskResult;
import xtremweb.common.wire.WorkerProtocol;
import xtremweb.worker.server.HostIdentityFile;
import xtremweb.worker.server.ServerSession;
import xtremweb.worker.server.StopSignal;

/**
 * {@code POST /api/v1/worker/results} as the worker sends it, against a plain HTTP stand-in for the
 * server: what a protocol-3 server reads, and a server downgraded since the registration (404).
 */
class HttpTaskServerTest {
    @TempDir
    Path home;
    private HttpServer stub;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private volatile int status;
    private volatile String answer;

    @BeforeEach
    void startStub() throws IOException {
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/api/v1/worker/results", exchange -> {
            received.add(new ObjectMapper().readTree(exchange.getRequestBody()));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stub.start();
    }

    @AfterEach
    void stopStub() {
        stub.stop(0);
    }

    /** A session registered with a server that offers {@code protocol}. */
    private ServerSession session(int protocol) {
        URI server = URI.create("http://127.0.0.1:" + stub.getAddress().getPort());
        ServerSession session = new ServerSession(server, List.of(), "worker",
                (http, host) -> new HostCredential("host-1", "xwh_host-1.secret", 60, protocol), new HostIdentityFile(home),
                new StopSignal());
        assertThat(session.connect()).isTrue();
        return session;
    }

    private static ResultBatch batch() {
        return new ResultBatch(List.of(new TaskResult("task-1", 3, "ab".repeat(32), new byte[] {1, 2, 3})), 1);
    }

    @Test
    void aProtocol3ServerGetsTheResultsInlineAndItsReceiptsAreRead() {
        status = 200;
        answer = "{\"receipts\":[{\"taskUid\":\"task-1\",\"result\":{\"uid\":\"data-1\"},\"problem\":null}],"
                + "\"next\":{\"assignment\":null,\"retryAfterSeconds\":0,\"alivePeriodSeconds\":60,\"assignments\":[]}}";
        HttpTaskServer tasks = new HttpTaskServer(session(WorkerProtocol.V3));

        assertThat(tasks.takesBatches()).isTrue();
        ResultBatchReceipt receipt = tasks.uploadBatch(batch()).orElseThrow();

        assertThat(receipt.receipts()).singleElement().satisfies(r -> assertThat(r.recorded()).isTrue());
        JsonNode sent = received.getFirst();
        assertThat(sent.get("next").asInt()).isEqualTo(1);
        JsonNode result = sent.get("results").get(0);
        assertThat(result.get("taskUid").asText()).isEqualTo("task-1");
        assertThat(result.get("exitCode").asInt()).isEqualTo(3);
        assertThat(result.get("sha256").asText()).isEqualTo("ab".repeat(32));
        assertThat(result.get("zip").asText()).as("base64").isEqualTo("AQID");
    }

    @Test
    void aServerDowngradedSinceTheRegistrationGetsEachResultAloneForTheRestOfTheSession() {
        status = 404;
        answer = "{\"type\":\"about:blank\",\"title\":\"not-found\",\"status\":404,\"code\":\"not-found\","
                + "\"detail\":\"no such resource\"}";
        ServerSession session = session(WorkerProtocol.V3);
        HttpTaskServer tasks = new HttpTaskServer(session);

        assertThat(tasks.uploadBatch(batch())).as("upload it alone").isEmpty();
        assertThat(session.protocol()).isEqualTo(WorkerProtocol.V2);
        assertThat(tasks.takesBatches()).isFalse();
        assertThat(tasks.uploadBatch(batch())).isEmpty();
        assertThat(received).as("asked once").hasSize(1);
    }

    @Test
    void aProtocol2ServerIsNeverSentABatch() {
        HttpTaskServer tasks = new HttpTaskServer(session(WorkerProtocol.V2));

        assertThat(tasks.takesBatches()).isFalse();
        assertThat(tasks.uploadBatch(batch())).isEmpty();
        assertThat(received).isEmpty();
    }
}
