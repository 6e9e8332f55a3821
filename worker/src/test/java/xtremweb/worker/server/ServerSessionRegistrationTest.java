package xtremweb.worker.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import xtremweb.common.wire.HostCredential;
import xtremweb.common.wire.HostRegistration;

/**
 * The server gives a host its UID again only with proof that the caller is that host, its current
 * host token: the worker keeps the token beside the UID, sends it when it registers again (after a
 * restart), and keeps the new one each registration gives. No server: the registrar stands for it.
 */
class ServerSessionRegistrationTest {
    private static final URI SERVER = URI.create("https://127.0.0.1:1");

    @TempDir
    Path home;

    /** What the worker sent, and the server's answer: {@code answer} turns the n-th registration into a credential. */
    private static final class FakeServer implements Registrar {
        final List<HostRegistration> received = new ArrayList<>();
        private final Function<Integer, HostCredential> answer;

        FakeServer(Function<Integer, HostCredential> answer) {
            this.answer = answer;
        }

        @Override
        public HostCredential register(xtremweb.common.http.XwHttpClient http, HostRegistration host) {
            received.add(host);
            return answer.apply(received.size());
        }
    }

    /** A worker process: a session over the identity file under {@code home}, connected once. */
    private ServerSession start(FakeServer server) {
        ServerSession session = new ServerSession(SERVER, List.of(), "worker", server, new HostIdentityFile(home), new StopSignal());
        assertThat(session.connect()).isTrue();
        return session;
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aRestartedWorkerProvesItIsItsHostWithTheTokenItKeptPrivately() throws Exception {
        FakeServer server = new FakeServer(n -> new HostCredential("host-1", "xwh_host-1.secret-" + n, 60, 2));

        start(server);
        Path file = new HostIdentityFile(home).path();
        assertThat(Files.readString(file)).contains("xwh_host-1.secret-1");
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        ServerSession restarted = start(server);

        assertThat(server.received.get(0).hostUid()).isNull();
        assertThat(server.received.get(0).hostToken()).isNull();
        assertThat(server.received.get(1).hostUid()).isEqualTo("host-1");
        assertThat(server.received.get(1).hostToken()).isEqualTo("xwh_host-1.secret-1");
        assertThat(restarted.hostUid()).contains("host-1");
        // Each registration revokes the token before: the file holds the new one, still private.
        assertThat(new HostIdentityFile(home).load()).contains(new HostIdentity("host-1", "xwh_host-1.secret-2"));
        assertThat(Files.getPosixFilePermissions(file)).doesNotContain(PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_READ);
        // The token is a credential: it shows in no text made of the registration (a log line).
        assertThat(server.received.get(1).toString()).doesNotContain("secret-1");
    }

    @Test
    void aWorkerTheServerGaveANewHostKeepsTheNewUidAndTokenAndProvesThemNextTime() {
        FakeServer server = new FakeServer(n -> n == 1
                ? new HostCredential("host-1", "xwh_host-1.a", 60, 2)
                : new HostCredential("host-" + n, "xwh_host-" + n + ".b", 60, 2));
        start(server);
        start(server);

        ServerSession third = start(server);

        assertThat(server.received.get(2).hostUid()).isEqualTo("host-2");
        assertThat(server.received.get(2).hostToken()).isEqualTo("xwh_host-2.b");
        assertThat(third.hostUid()).contains("host-3");
    }
}
