package xtremweb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import xtremweb.client.api.ClientSettings;
import xtremweb.client.api.XwClient;

/**
 * The grid the GUI tests drive windows against: one real server (H2, tokens living one minute, so a
 * GUI session outlives its token) and one real worker, started through the bin/ scripts, with
 * apptest inserted. Started once per test run, shared by the GUI test classes, closed at its end.
 */
final class GuiGrid implements AutoCloseable {
    /** Lets a test class take the shared grid as a parameter of its {@code @BeforeAll} method. */
    static final class Extension implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == GuiGrid.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(GuiGrid.class, key -> start(), GuiGrid.class);
        }
    }

    final Deployment deployment;
    final Path dir;
    final Path admin;

    private static GuiGrid start() {
        try {
            return new GuiGrid(Files.createTempDirectory("xw-gui-e2e"));
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the GUI's test grid: " + e.getMessage(), e);
        }
    }

    private GuiGrid(Path dir) throws Exception {
        this.dir = dir;
        deployment = Deployment.create(dir, "h2");
        deployment.startServer("token.ttl=1");
        admin = deployment.adminConfig();
        deployment.startWorker("worker", 2);
        Command.Result app = deployment.client(admin, "xwsendapp",
                List.of("apptest", System.getProperty("os.arch"), "linux", ClientGrid.apptest()));
        assertThat(app.exitCode()).as(app.describe()).isZero();
    }

    /** A client library session, to check on the server what the GUI did. */
    XwClient client(Path config) {
        return XwClient.openLoggedIn(ClientSettings.load(Optional.of(config), Deployment.SOURCE_ROOT,
                ClientSettings.PasswordPrompt.none()));
    }

    @Override
    public void close() throws Exception {
        try {
            deployment.close();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    String credential(String key) {
        return deployment.credential(key);
    }

    Path config(String name, String login, String password) throws IOException {
        return deployment.clientConfig(name, login, password);
    }
}
