package xtremweb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.common.config.XwConfig;
import xtremweb.common.http.PinnedTrust;
import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.model.UserRights;
import xtremweb.common.wire.LoginRequest;
import xtremweb.common.wire.TokenResponse;
import xtremweb.common.wire.UserCreate;
import xtremweb.common.wire.UserView;
import xtremweb.common.x509.Credential;
import xtremweb.common.x509.TestCa;
import xtremweb.common.x509.TestCa.ProxyKind;

/**
 * Certificate and proxy logins against the real server over real TLS, on the database the subclass
 * names: a throw-away CA issues the users' certificates, the server trusts it through
 * {@code x509.ca.dir}, and every bad chain is refused with a one-line reason while password logins
 * go on working beside.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CertificateLoginApiContract {
    private static final String LOGIN = "/api/v1/login/certificate";
    // Static: JUnit fills instance @TempDir fields only after @BeforeAll has run.
    @TempDir
    static Path home;
    private XtremWebServer server;
    private final Properties credentials = new Properties();
    private List<X509Certificate> pinned;
    private LogCapture logs;
    private TestCa root;
    private TestCa users;
    private TestCa.Issued jane;
    private TestCa.Issued host;
    private TestCa.Issued roy;

    abstract Map<String, String> databaseConfig() throws Exception;

    abstract void dropDatabase() throws Exception;

    @BeforeAll
    void start() throws Exception {
        root = TestCa.root("/DC=org/DC=xwtest/CN=XW Test Root CA");
        users = root.intermediate("/DC=org/DC=xwtest/CN=XW Test Users CA");
        jane = users.rsaUser("/DC=org/DC=xwtest/OU=People/CN=Jane Doe");
        host = users.user("/DC=org/DC=xwtest/OU=Hosts/CN=host/node1.xwtest.org");
        roy = users.user("/DC=org/DC=xwtest/OU=People/CN=Revoked Roy");
        users.revoke(roy);
        root.writeTo(home.resolve("certificates"), "root");
        users.writeTo(home.resolve("certificates"), "users");

        logs = new LogCapture();
        Map<String, String> config = new HashMap<>(Map.of("port.https", "0", "path.home", "var",
                "XWkeyStore", "var/keystore/xwserver.p12", "x509.ca.dir", home.resolve("certificates").toString()));
        config.putAll(databaseConfig());
        server = XtremWebServer.start(ServerConfig.from(XwConfig.of(config, "test", home)));
        try (InputStream in = Files.newInputStream(server.credentialsFile())) {
            credentials.load(in);
        }
        pinned = PinnedTrust.readPem(server.certificateFile());
        XwHttpClient admin = passwordLogin(null, "admin");
        // RFC 2253 here, slash form below: both end up as the same canonical DN.
        admin.post("/api/v1/users", new UserCreate("jane", "jane-password-1", "jane@xwtest.org", UserRights.STANDARD_USER, null,
                "CN=Jane Doe,OU=People,DC=xwtest,DC=org"), UserView.class);
        admin.post("/api/v1/users", new UserCreate("node1", null, null, UserRights.WORKER_USER, null, host.dn()), UserView.class);
        admin.post("/api/v1/users", new UserCreate("roy", null, null, UserRights.STANDARD_USER, null, roy.dn()), UserView.class);
        admin.post("/api/v1/users", new UserCreate("old", null, null, UserRights.STANDARD_USER, null,
                "/DC=org/DC=xwtest/OU=People/CN=Old Timer"), UserView.class);
        admin.post("/api/v1/users", new UserCreate("eve", null, null, UserRights.STANDARD_USER, null,
                "/DC=org/DC=elsewhere/CN=Eve"), UserView.class);
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (logs != null) {
            logs.close();
        }
        dropDatabase();
    }

    private XwHttpClient client(Credential credential) {
        return new XwHttpClient(XwHttpClient.serverUri("127.0.0.1", server.port()), pinned, credential);
    }

    private XwHttpClient passwordLogin(Credential credential, String who) {
        XwHttpClient client = client(credential);
        client.token(client.post("/api/v1/login", new LoginRequest(credentials.getProperty(who + ".login"),
                credentials.getProperty(who + ".password")), TokenResponse.class).token());
        return client;
    }

    private TokenResponse certificateLogin(Credential credential) {
        return client(credential).post(LOGIN, Map.of(), TokenResponse.class);
    }

    private void refused(Credential credential, int status, String code, String sentence) {
        assertThatThrownBy(() -> certificateLogin(credential)).isInstanceOfSatisfying(XwApiException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(sentence).doesNotContain("\n");
        });
    }

    @Test
    void aUserCertificateLogsInItsUserWithItsRights() {
        TokenResponse token = certificateLogin(jane.credential());
        assertThat(token.login()).isEqualTo("jane");
        assertThat(token.rights()).isEqualTo(UserRights.STANDARD_USER);
        XwHttpClient asJane = client(null);
        asJane.token(token.token());
        UserView me = asJane.get("/api/v1/users/me", UserView.class);
        assertThat(me.login()).isEqualTo("jane");
        assertThat(me.dn()).isEqualTo("/DC=org/DC=xwtest/OU=People/CN=Jane Doe");
    }

    @Test
    void proxiesAndProxiesOfProxiesLogInTheUserUntilTheProxyExpires() {
        TestCa.Issued proxy = jane.proxy();
        TestCa.Issued shortProxy = proxy.proxy(ProxyKind.RFC3820, null, "1.3.6.1.5.5.7.21.1", Instant.now().plus(Duration.ofMinutes(30)));
        TokenResponse viaProxy = certificateLogin(proxy.credential());
        TokenResponse viaProxyOfProxy = certificateLogin(shortProxy.credential());
        assertThat(viaProxy.login()).isEqualTo("jane");
        assertThat(viaProxyOfProxy.login()).isEqualTo("jane");
        // A session never outlives the proxy it was opened with.
        assertThat(viaProxyOfProxy.expires()).isEqualTo(shortProxy.certificate().getNotAfter().toInstant());
        TokenResponse legacy = certificateLogin(jane.proxy(ProxyKind.LEGACY, null, null, Instant.now().plus(Duration.ofHours(2)))
                .credential());
        assertThat(legacy.login()).isEqualTo("jane");
    }

    @Test
    void aHostCertificateLogsInItsWorkerAccountThatHasNoPassword() {
        TokenResponse token = certificateLogin(host.credential());
        assertThat(token.login()).isEqualTo("node1");
        assertThat(token.rights()).isEqualTo(UserRights.WORKER_USER);
    }

    @Test
    void anExpiredCertificateIsRefused() {
        refused(users.expiredUser("/DC=org/DC=xwtest/OU=People/CN=Old Timer").credential(), 401, "certificate-invalid",
                "the certificate /DC=org/DC=xwtest/OU=People/CN=Old Timer expired on");
    }

    @Test
    void aRevokedCertificateIsRefused() {
        refused(roy.credential(), 401, "certificate-invalid", "was revoked by its CA /DC=org/DC=xwtest/CN=XW Test Users CA");
        refused(roy.proxy().credential(), 401, "certificate-invalid", "was revoked");
    }

    @Test
    void aCertificateOfAnotherCaIsRefused() {
        TestCa.Issued eve = TestCa.root("/DC=org/DC=elsewhere/CN=Other CA").user("/DC=org/DC=elsewhere/CN=Eve");
        refused(eve.credential(), 401, "certificate-invalid", "a CA this server does not trust");
    }

    @Test
    void aForgedCertificateOfARegisteredUserIsRefused() {
        TestCa.Issued forged = users.impostor().user("/DC=org/DC=xwtest/OU=People/CN=Jane Doe");
        refused(forged.credential(), 401, "certificate-invalid", "is forged or damaged");
    }

    @Test
    void aValidCertificateWhoseDnNoUserHasIsForbidden() {
        refused(users.user("/DC=org/DC=xwtest/OU=People/CN=Nobody Known").credential(), 403, "certificate-not-registered",
                "no user of this server has this DN; ask an administrator to register it (xwsenduser ... --xwdn");
    }

    @Test
    void aLimitedProxyIsForbidden() {
        refused(jane.proxy(ProxyKind.LEGACY_LIMITED, null, null, Instant.now().plus(Duration.ofHours(1))).credential(), 403,
                "limited-proxy", "is a limited proxy");
    }

    @Test
    void aConnectionWithoutCertificateIsToldHowToGiveOne() {
        refused(null, 401, "certificate-missing", "presented no client certificate");
    }

    @Test
    void passwordLoginsGoOnWorkingBesideCertificates() {
        assertThat(passwordLogin(null, "admin").get("/api/v1/users/me", UserView.class).login()).isEqualTo("admin");
        // A client that presents a certificate may still log in with a password: the certificate is only asked for.
        assertThat(passwordLogin(jane.credential(), "admin").get("/api/v1/users/me", UserView.class).login()).isEqualTo("admin");
        XwHttpClient janeByPassword = client(null);
        janeByPassword.token(janeByPassword.post("/api/v1/login", new LoginRequest("jane", "jane-password-1"), TokenResponse.class)
                .token());
        assertThat(janeByPassword.get("/api/v1/users/me", UserView.class).login()).isEqualTo("jane");
    }

    @Test
    void aDnMapsToExactlyOneUserWhicheverWayItIsWritten() {
        XwHttpClient admin = passwordLogin(null, "admin");
        assertThatThrownBy(() -> admin.post("/api/v1/users", new UserCreate("jane2", "jane-password-2", null, UserRights.STANDARD_USER,
                null, "/DC=org/DC=xwtest/OU=People/CN=Jane Doe"), UserView.class)).isInstanceOfSatisfying(XwApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("belongs to user 'jane' already");
                });
        // As a client that does not check first would send it.
        assertThatThrownBy(() -> admin.post("/api/v1/users", Map.of("login", "bad", "password", "bad-password-1", "rights",
                "STANDARD_USER", "dn", "Jane Doe"), UserView.class)).isInstanceOfSatisfying(XwApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("not a distinguished name");
                });
        assertThat(admin.get("/api/v1/users/node1", UserView.class).dn()).isEqualTo(host.dn());
    }

    @Test
    void aCertificateOnlyUserCannotLogInWithAnyPassword() {
        assertThatThrownBy(() -> client(null).post("/api/v1/login", new LoginRequest("node1", ""), TokenResponse.class))
                .isInstanceOfSatisfying(XwApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void theLogNamesTheDnAndTheReasonAndNeverTheKey() {
        certificateLogin(jane.credential());
        assertThatThrownBy(() -> certificateLogin(roy.credential())).isInstanceOf(XwApiException.class);
        List<String> lines = logs.events().stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).anyMatch(l -> l.contains("certificate login of /DC=org/DC=xwtest/OU=People/CN=Jane Doe as 'jane'"));
        assertThat(lines).anyMatch(l -> l.contains("certificate login refused") && l.contains("(revoked)") && l.contains("Revoked Roy"));
        String key = Base64.getEncoder().encodeToString(jane.keys().getPrivate().getEncoded());
        assertThat(String.join("\n", lines)).doesNotContain(key.substring(0, 40)).doesNotContain("PRIVATE KEY");
    }

    @Test
    void certificateLoginsAreCountedByOutcomeInTheMetrics() throws Exception {
        certificateLogin(host.credential());
        assertThatThrownBy(() -> certificateLogin(null)).isInstanceOf(XwApiException.class);
        String token = passwordLogin(null, "admin").post("/api/v1/login", new LoginRequest(credentials.getProperty("admin.login"),
                credentials.getProperty("admin.password")), TokenResponse.class).token();
        HttpClient http = HttpClient.newBuilder().sslContext(PinnedTrust.sslContext(pinned)).build();
        String metrics = http.send(HttpRequest.newBuilder(XwHttpClient.serverUri("127.0.0.1", server.port()).resolve("/metrics"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).containsPattern("xtremweb_logins_certificate_total\\{outcome=\"accepted\"} [1-9]")
                .containsPattern("xtremweb_logins_certificate_total\\{outcome=\"missing\"} [1-9]");
    }

    @Test
    void aTls12ConnectionCannotRenegotiateToAnotherCertificate() throws Exception {
        SSLContext context = PinnedTrust.sslContext(pinned, jane.credential().keyManager());
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
            socket.setSoTimeout(10_000);
            assertThat(post(socket)).startsWith("HTTP/1.1 200").contains("\"login\":\"jane\"");
            socket.startHandshake(); // asks the server to renegotiate: it must refuse
            assertThatThrownBy(() -> post(socket)).isInstanceOf(IOException.class);
        }
    }

    /** One certificate login on this socket; the whole answer as text. */
    private String post(SSLSocket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + LOGIN + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head.size() + " bytes");
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        int length = Integer.parseInt(headers.replaceAll("(?si).*content-length: *(\\d+).*", "$1"));
        return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
