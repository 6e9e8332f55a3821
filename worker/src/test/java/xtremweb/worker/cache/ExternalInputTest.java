package xtremweb.worker.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/** A user-given input URI must not let the user probe the volunteer's own network. */
class ExternalInputTest {
    @TempDir
    Path temp;

    /** The volunteer's "internal" service, on 127.0.0.1. */
    private HttpServer inside;
    /** A web site taken as public by the test, on 127.0.0.2, redirecting inside. */
    private HttpServer outside;
    private final AtomicInteger insideRequests = new AtomicInteger();
    private String insideBase;
    private String outsideBase;

    @BeforeEach
    void startServers() throws Exception {
        inside = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        inside.createContext("/data", exchange -> {
            insideRequests.incrementAndGet();
            byte[] bytes = "secret".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        inside.createContext("/hop", exchange -> {
            exchange.getResponseHeaders().add("Location", "/data");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        inside.createContext("/endless", exchange -> {
            // A web server that does not stop (64 MiB here, so that the test ends either way).
            exchange.sendResponseHeaders(200, 0);
            byte[] zeros = new byte[64 * 1024];
            try (var out = exchange.getResponseBody()) {
                for (int i = 0; i < 1024; i++) {
                    out.write(zeros);
                }
            } catch (java.io.IOException closedByTheWorker) {
                // the worker stopped reading: what the test wants
            }
            exchange.close();
        });
        inside.start();
        insideBase = "http://127.0.0.1:" + inside.getAddress().getPort();
        outside = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
        outside.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Location", insideBase + "/data");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        outside.start();
        outsideBase = "http://127.0.0.2:" + outside.getAddress().getPort();
    }

    @AfterEach
    void stopServers() {
        inside.stop(0);
        outside.stop(0);
    }

    @Test
    void aLoopbackHostIsRefusedBeforeAnyConnectionWithAMessageNamingTheKey() {
        assertThatThrownBy(() -> new ExternalInput(false).download(insideBase + "/data", -1, temp.resolve("in")))
                .isInstanceOf(InputForbiddenException.class)
                .hasMessageContaining("127.0.0.1, a loopback address")
                .hasMessageContaining("data.privateaddresses: true")
                .hasMessageNotContaining("HTTP");
        assertThat(insideRequests).hasValue(0);
        assertThat(temp.resolve("in")).doesNotExist();
    }

    @Test
    void everyPrivateNetworkIsRefusedByDefault() {
        ExternalInput worker = new ExternalInput(false);
        for (String uri : new String[] {"http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/", "http://172.16.0.1/",
                "http://192.168.1.1/", "http://100.64.0.1/", "http://0.0.0.0:8080/", "http://[::1]/", "http://[fe80::1]/",
                "http://[fd00::1]/", "http://[::]/", "http://224.0.0.1/", "http://[::ffff:192.168.1.1]/", "http://localhost:8080/"}) {
            assertThatThrownBy(() -> worker.download(uri, -1, temp.resolve("in")))
                    .as(uri).isInstanceOf(InputForbiddenException.class)
                    .hasMessageContaining("data.privateaddresses");
        }
    }

    @Test
    void publicAddressesAreNotPrivate() throws Exception {
        for (String address : new String[] {"8.8.8.8", "100.128.0.1", "172.32.0.1", "2001:4860:4860::8888"}) {
            assertThat(ExternalInput.privateKind(InetAddress.getByName(address))).as(address).isNull();
        }
        assertThat(ExternalInput.privateKind(InetAddress.getByName("169.254.169.254"))).isEqualTo("link-local");
    }

    @Test
    void aRedirectIntoThePrivateNetworkIsRefused() {
        ExternalInput worker = new ExternalInput(false, a -> a.getHostAddress().equals("127.0.0.2"));
        assertThatThrownBy(() -> worker.download(outsideBase + "/in.txt", -1, temp.resolve("in")))
                .isInstanceOf(InputForbiddenException.class)
                .hasMessageContaining("redirects to " + insideBase + "/data")
                .hasMessageContaining("loopback")
                .hasMessageContaining("data.privateaddresses: true")
                .hasMessageNotContaining("HTTP");
        assertThat(insideRequests).hasValue(0);
    }

    @Test
    void aWebServerSendingMoreThanTheRecordedSizeIsCutThere() {
        // Any user may name the URI and record a size of 1 KiB; every volunteer fetching it wrote
        // whatever came, into the input cache (outside the job's file limit), until its disk was full.
        Path target = temp.resolve("in");
        assertThatThrownBy(() -> new ExternalInput(true).download(insideBase + "/endless", 1024, target))
                .isInstanceOf(InputRejectedException.class).hasMessageContaining("more than the 1024 bytes recorded");
        assertThat(target.toFile().length()).isLessThanOrEqualTo(1025);
    }

    @Test
    void aWebServerSendingTheRecordedSizeIsRead() throws Exception {
        new ExternalInput(true).download(insideBase + "/data", 6, temp.resolve("in"));
        assertThat(temp.resolve("in")).hasContent("secret");
    }

    @Test
    void otherSchemesAreRefused() {
        assertThatThrownBy(() -> new ExternalInput(true).download("file:///etc/passwd", -1, temp.resolve("in")))
                .isInstanceOf(InputForbiddenException.class).hasMessageContaining("neither http nor https");
    }

    @Test
    void theKeyAllowsPrivateAddressesAndTheirRedirects() throws Exception {
        ExternalInput lab = new ExternalInput(true);
        lab.download(insideBase + "/data", -1, temp.resolve("direct"));
        lab.download(outsideBase + "/in.txt", -1, temp.resolve("redirected"));
        lab.download(insideBase + "/hop", -1, temp.resolve("relative"));
        assertThat(temp.resolve("direct")).hasContent("secret");
        assertThat(temp.resolve("redirected")).hasContent("secret");
        assertThat(temp.resolve("relative")).hasContent("secret");
        assertThat(insideRequests).hasValue(3);
    }
}
