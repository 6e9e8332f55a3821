package xtremweb.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.client.api.ClientSettings;
import xtremweb.client.api.XwClient;
import xtremweb.common.http.XwConnectException;

/** A wrong server address or certificate is one sentence naming the configuration key and file to fix. */
class ServerAddressMistakesTest extends AgainstFakeServer {
    private static final String SOURCE = "/home/bob/.xtremweb/xwrc";

    @TempDir
    static Path otherDir;

    private static XwConnectException connecting(String host, int port, Path certFile) {
        ClientSettings settings = new ClientSettings(host, port, certFile, "bob", FakeServer.PASSWORD, SOURCE);
        return catchThrowableOfType(XwConnectException.class, () -> XwClient.openLoggedIn(settings));
    }

    @Test
    void portWhereNothingListensNamesHostPortAndBothKeys() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        XwConnectException e = connecting("127.0.0.1", closed, server.pem);
        assertThat(e.reason()).isEqualTo(XwConnectException.Reason.REFUSED);
        assertThat(e.getMessage()).contains("127.0.0.1:" + closed).contains("dispatcher.servers").contains("port.https")
                .contains(SOURCE);
        assertThat(ExitCodes.of(e)).isEqualTo(ExitCodes.UNREACHABLE);
    }

    @Test
    void unknownHostNameNamesTheNameAndDispatcherServers() {
        XwConnectException e = connecting("no-such-host.invalid", 4325, server.pem);
        assertThat(e.reason()).isEqualTo(XwConnectException.Reason.UNKNOWN_HOST);
        assertThat(e.getMessage()).contains("'no-such-host.invalid'").contains("dispatcher.servers").contains(SOURCE);
    }

    @Test
    void anotherServersCertificateNamesTheCertFileAndHowToFixIt() throws Exception {
        try (FakeServer other = new FakeServer(otherDir)) {
            XwConnectException e = connecting("localhost", server.uri().getPort(), other.pem);
            assertThat(e.reason()).isEqualTo(XwConnectException.Reason.CERTIFICATE);
            assertThat(e.getMessage()).contains("path.certfile").contains(other.pem.toString()).contains(SOURCE)
                    .contains("copy the server's xwserver.pem");
        }
    }

    @Test
    void aServerGoneAfterTheLoginIsNamedWithTheKeysAndTheFileToo() throws Exception {
        XwConnectException e = goneAfterLogin(SOURCE);
        assertThat(e.reason()).isEqualTo(XwConnectException.Reason.REFUSED);
        assertThat(e.getMessage()).contains("nothing answers at localhost:").contains("dispatcher.servers")
                .contains("port.https").contains(SOURCE);
    }

    @Test
    void aServerGoneAfterALoginInTheDialogNamesTheDialogNotConfigurationKeys() throws Exception {
        // The GUI's windows stay open for hours: a later listing that finds no server must speak of
        // what the user typed, not of keys of a file the values did not come from.
        XwConnectException e = goneAfterLogin(ClientSettings.LOGIN_DIALOG);
        assertThat(e.getMessage()).contains("nothing answers at localhost:").contains("Log in dialog")
                .doesNotContain("dispatcher.servers").doesNotContain("port.https");
    }

    private static XwConnectException goneAfterLogin(String source) throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory(otherDir, "gone");
        XwClient client;
        try (FakeServer gone = new FakeServer(dir)) {
            ClientSettings settings = new ClientSettings("localhost", gone.uri().getPort(), gone.pem, "bob",
                    FakeServer.PASSWORD, source);
            client = XwClient.openLoggedIn(settings);
        }
        return catchThrowableOfType(XwConnectException.class, () -> client.works().list(java.util.Optional.empty()));
    }

    /**
     * A server killed or restarting while a client's TLS handshake is under way cuts the connection:
     * that is an outage to ride through (xwresult --xwwait keeps asking), not a certificate to copy.
     * It was said as "does not have the certificate pinned by path.certfile", and a waiting client gave up.
     */
    @Test
    void aConnectionCutDuringTheHandshakeIsAnOutageNotACertificateMistake() throws Exception {
        try (ServerSocket dying = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread cutter = Thread.ofVirtual().start(() -> {
                while (!dying.isClosed()) {
                    try (java.net.Socket s = dying.accept()) {
                        s.getInputStream().read(new byte[64]); // part of the ClientHello, then gone
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            XwConnectException e = connecting("127.0.0.1", dying.getLocalPort(), server.pem);
            assertThat(e.reason()).isNotEqualTo(XwConnectException.Reason.CERTIFICATE);
            assertThat(e.getMessage()).doesNotContain("path.certfile").contains("127.0.0.1:" + dying.getLocalPort())
                    .contains("closed the connection");
            assertThat(ExitCodes.of(e)).isEqualTo(ExitCodes.UNREACHABLE);
            cutter.interrupt();
        }
    }
}
