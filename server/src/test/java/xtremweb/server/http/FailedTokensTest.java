package xtremweb.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import xtremweb.common.model.UserRights;
import xtremweb.server.MutableClock;
import xtremweb.server.policy.Caller;
import xtremweb.server.refusal.TooManyAttempts;

/**
 * Random tokens sprayed at the server each cost a database read, unthrottled. Now an address past
 * its free failures is refused (429, Retry-After) without a read, while the users' tokens the
 * server remembers still work from it and callers from other addresses are untouched; a token
 * found unknown is not read again.
 */
class FailedTokensTest {
    private static final int FREE = 5;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T00:00:00Z"));
    /** Database reads the authenticator made. */
    private final AtomicInteger reads = new AtomicInteger();
    /** Tokens resolved once, as the server's token cache remembers them. */
    private final Set<String> inMemory = ConcurrentHashMap.newKeySet();
    private Server jetty;
    private int port;

    @BeforeEach
    void start() throws Exception {
        Authenticator authenticator = new Authenticator() {
            @Override
            public Optional<Caller> resolve(String token) {
                reads.incrementAndGet();
                if (token.startsWith("good")) {
                    inMemory.add(token);
                    return Optional.of(new Caller("u1", "alice", UserRights.STANDARD_USER, null, null));
                }
                return Optional.empty();
            }

            @Override
            public Optional<Caller> remembered(String token) {
                return inMemory.contains(token) ? Optional.of(new Caller("u1", "alice", UserRights.STANDARD_USER, null, null))
                        : Optional.empty();
            }
        };
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        // Every loopback address: the test calls from 127.0.0.1 and from 127.0.0.2.
        connector.setHost("0.0.0.0");
        connector.setPort(0);
        jetty.addConnector(connector);
        Router router = new Router()
                .route("GET", "/me", ex -> ex.json(200, java.util.Map.of("login", ex.caller().login())))
                // A token of another kind, read by the endpoint itself (a pilot's grant).
                .route("GET", "/grant", ex -> {
                    String grant = ex.header("Authorization").orElseThrow().substring("Bearer ".length());
                    ex.json(200, ex.tokenChecked(() -> {
                        reads.incrementAndGet();
                        if (!grant.startsWith("good")) {
                            throw new xtremweb.server.refusal.Unauthenticated("this pilot grant is unknown");
                        }
                        return java.util.Map.of("grant", "taken");
                    }));
                });
        jetty.setHandler(new ApiHandler(router,
                authenticator, Admission.unbounded(), new LongPolls(LongPolls.DEFAULT_PER_CALLER), new Uploads(Uploads.DEFAULT_PER_CALLER),
                BodyPace.DEFAULT, new FailedTokens(FREE, Duration.ofMinutes(1), clock)));
        jetty.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        jetty.stop();
    }

    /** The status line and headers of GET /me with this token, called from {@code from}. */
    private String me(String from, String token) throws IOException {
        return get(from, "/me", token);
    }

    private String get(String from, String path, String token) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer " + token
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(5000);
            try (InputStream in = socket.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    @Test
    void anAddressSprayingTokensIsRefusedWithoutADatabaseReadWhileOthersAndRememberedTokensGoOn() throws Exception {
        assertThat(me("127.0.0.1", "good-alice")).startsWith("HTTP/1.1 200");
        reads.set(0);
        for (int i = 0; i < FREE; i++) {
            assertThat(me("127.0.0.1", "xwu_" + UUID.randomUUID())).startsWith("HTTP/1.1 401");
        }
        assertThat(reads).hasValue(FREE);
        // Past the free failures: refused at once, saying when to come back, and nothing read.
        for (int i = 0; i < 20; i++) {
            String refused = me("127.0.0.1", "xwu_" + UUID.randomUUID());
            assertThat(refused).startsWith("HTTP/1.1 429").containsIgnoringCase("Retry-After: ").contains("unknown token");
        }
        assertThat(reads).hasValue(FREE);
        // The user's token the server remembers still works from that address (a NAT, a balancer)...
        assertThat(me("127.0.0.1", "good-alice")).startsWith("HTTP/1.1 200");
        // ... and another address, even with a token never seen, is not held back by the attacker.
        assertThat(me("127.0.0.2", "good-bob")).startsWith("HTTP/1.1 200");
        assertThat(me("127.0.0.2", "xwu_" + UUID.randomUUID())).startsWith("HTTP/1.1 401");
        // Once the window has passed, the address is read for again.
        clock.advance(Duration.ofMinutes(1));
        assertThat(me("127.0.0.1", "good-carol")).startsWith("HTTP/1.1 200");
    }

    @Test
    void aTokenFoundUnknownIsNotReadAgainWithinTheWindow() throws Exception {
        String revoked = "xwh_" + UUID.randomUUID() + ".secret";
        for (int i = 0; i < FREE - 1; i++) {
            assertThat(me("127.0.0.1", revoked)).startsWith("HTTP/1.1 401");
        }
        assertThat(reads).hasValue(1);
    }

    @Test
    void grantsReadByTheirEndpointCountWithTheUnknownTokensOfTheAddress() throws Exception {
        for (int i = 0; i < FREE; i++) {
            assertThat(get("127.0.0.1", "/grant", "xwp_" + UUID.randomUUID())).startsWith("HTTP/1.1 401");
        }
        assertThat(get("127.0.0.1", "/grant", "xwp_" + UUID.randomUUID())).startsWith("HTTP/1.1 429");
        assertThat(me("127.0.0.1", "xwu_" + UUID.randomUUID())).startsWith("HTTP/1.1 429");
        assertThat(reads).hasValue(FREE);
        assertThat(get("127.0.0.2", "/grant", "good-grant")).startsWith("HTTP/1.1 200");
    }

    @Test
    void anIpv6AddressIsCountedByItsSlash64() {
        FailedTokens failed = new FailedTokens(2, Duration.ofMinutes(1), clock);
        failed.failed("2001:db8:1:2::1", "a");
        failed.failed("2001:db8:1:2:ffff::9", "b");
        assertThatThrownBy(() -> failed.checkMayLookUp("2001:db8:1:2:abcd::1")).isInstanceOf(TooManyAttempts.class);
        failed.checkMayLookUp("2001:db8:1:3::1");
        failed.checkMayLookUp("192.0.2.1");
        assertThat(FailedTokens.key("192.0.2.1")).isEqualTo("192.0.2.1");
    }
}
