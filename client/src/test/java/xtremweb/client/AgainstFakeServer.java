package xtremweb.client;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.client.api.XwClient;
import xtremweb.common.http.PinnedTrust;
import xtremweb.common.http.XwHttpClient;

/** Tests that run the real commands against one {@link FakeServer} per test class, logged in as bob. */
abstract class AgainstFakeServer {
    @TempDir
    static Path serverDir;

    static FakeServer server;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeAll
    static void startFakeServer() throws Exception {
        server = new FakeServer(serverDir);
    }

    @AfterAll
    static void stopFakeServer() {
        server.close();
    }

    /** A client of the fake server, logged in as bob with this password. */
    static XwClient loggedIn(String password) {
        XwHttpClient http = new XwHttpClient(server.uri(), PinnedTrust.readPem(server.pem));
        // Creations cut on purpose are sent again at once: the tests need not wait out a restart.
        http.creationPause(java.time.Duration.ofMillis(10));
        XwClient client = new XwClient(http, "bob", password);
        client.logIn();
        return client;
    }

    /**
     * Runs a command line; {@code afterLogIn} runs once the command has logged in, to change the
     * server under a command at work.
     */
    int run(String password, Optional<Path> redirectedStdin, Runnable afterLogIn, String... args) {
        ClientMain.Connector connector = config -> {
            XwClient client = loggedIn(password);
            afterLogIn.run();
            return client;
        };
        return ClientMain.commandLine(new ClientMain(connector, () -> redirectedStdin), new PrintWriter(out, true),
                new PrintWriter(err, true)).execute(args);
    }
}
