package xtremweb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One server (H2) and one worker shared by the client's end-to-end test classes, with one object
 * of each kind made through the bin/ scripts: a user group, a user (bob), an app with two binaries,
 * a data, and four completed works given their arguments and inputs in every way the manual names.
 * Started once per test run (starting a grid takes longer than the tests) and stopped at its end:
 * JUnit closes what its root store holds when the run ends.
 */
final class ClientGrid implements AutoCloseable {
    static final String PASSWORD = "e2e-password-1";
    private static final Pattern REGISTERED = Pattern.compile("worker registered as host ([0-9a-f-]{36})");

    /** Lets a test class take the shared grid as a parameter of its {@code @BeforeAll} method. */
    static final class Extension implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == ClientGrid.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(ClientGrid.class, key -> start(), ClientGrid.class);
        }
    }

    final Deployment deployment;
    final Path dir;
    final Path admin;
    final Path bob;
    final String hostUid;
    final String group;
    final String bobUid;
    final String app;
    final Path dataFile;
    final String data;
    /** A client started first that waits on a job lasting longer than its token. */
    final Command.Running outlivingItsToken;
    final Instant outlivingItsTokenStarted;
    final String withArgs;
    final String withStdinAndEnv;
    final String withRedirect;
    final String withDataAsStdin;
    /** A session and a group of works (not a user group), holding the work {@link #withArgs} only. */
    final String session;
    final String workGroup;
    /** Where the results of the four works above were extracted. */
    final Path results;

    private static ClientGrid start() {
        try {
            return new ClientGrid(Files.createTempDirectory("xw-client-e2e"));
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the client's test grid: " + e.getMessage(), e);
        }
    }

    private ClientGrid(Path dir) throws Exception {
        this.dir = dir;
        deployment = Deployment.create(dir, "h2");
        // Tokens live one minute (the shortest allowed), so a client waiting longer outlives its token.
        deployment.startServer("token.ttl=1");
        admin = deployment.adminConfig();
        Daemon worker = deployment.startWorker("worker", 3);
        Matcher registered = REGISTERED.matcher(worker.output());
        assertThat(registered.find()).as(worker.output()).isTrue();
        hostUid = registered.group(1);

        app = ok(admin, "xwsendapp", "apptest", System.getProperty("os.arch"), "linux", apptest());
        String sleeper = ok(admin, "xwsendwork", "--xwlabel", "outlives-token", "apptest", "-s", "75", "slept");
        outlivingItsTokenStarted = Instant.now();
        outlivingItsToken = deployment.startClient(admin, "xwresult", List.of("--xwwait", "170", "--xwclientloopdelay", "500",
                "--xwout", dir.resolve("slept").toString(), sleeper));

        // A second binary, for another platform, is added to the same app.
        Path windows = Files.writeString(dir.resolve("apptest.exe"), "MZ not really windows");
        assertThat(ok(admin, "xwsendapp", "apptest", "amd64", "win32", windows.toString())).isEqualTo(app);
        group = ok(admin, "xwsendusergroup", "e2e-team");
        bobUid = ok(admin, "xwsenduser", "--xwpasswordfile", deployment.passwordFile("bob", PASSWORD).toString(), "bob",
                "bob@example.org", "STANDARD_USER", "e2e-team");
        bob = deployment.clientConfig("bob", "bob", PASSWORD);
        dataFile = Files.writeString(dir.resolve("input.txt"), "data on the server\n");
        data = ok(admin, "xwsenddata", "input.txt", dataFile.toString());

        session = ok(admin, "xwsendsession", "e2e-session");
        workGroup = ok(admin, "xwsendgroup", "e2e-group");
        withArgs = ok(admin, "xwsendwork", "--xwlabel", "e2e args", "--xwexpectedhost", hostUid,
                "--xwsession", session, "--xwgroup", workGroup, "apptest", "two words", "it's \"quoted\" $HOME");
        Path stdin = Files.writeString(dir.resolve("stdin.txt"), "from --xwstdin\n");
        Path env = Files.createDirectories(dir.resolve("env"));
        Files.writeString(env.resolve("settings.txt"), "environment\n");
        withStdinAndEnv = ok(admin, "xwsendwork", "--xwlabel", "e2e-stdin", "--xwstdin", stdin.toString(),
                "--xwenv", env.toString(), "apptest", "stdin");
        withRedirect = sentThroughAShellRedirect(Files.writeString(dir.resolve("redirected.txt"), "from < file\n"));
        withDataAsStdin = ok(admin, "xwsendwork", "--xwlabel", "e2e-data", "--xwstdin", data, "apptest", "data");

        results = dir.resolve("results");
        Command.Result fetched = deployment.client(admin, "xwresult", List.of("--xwwait", "120", "--xwclientloopdelay", "200",
                "--xwnoerase", "--xwout", results.toString(), withArgs, withStdinAndEnv, withRedirect, withDataAsStdin));
        assertThat(fetched.exitCode()).as(fetched.describe()).isZero();
        assertThat(fetched.stdout().lines()).hasSize(4).allMatch(line -> line.contains(" COMPLETED exit=0 -> "));
    }

    /** {@code xwsendwork ... < file} as a shell runs it: the client finds its standard input redirected. */
    private String sentThroughAShellRedirect(Path input) throws Exception {
        Command.Result sent = Command.run(List.of("sh", "-c", "exec \"$0\" --xwconfig \"$1\" --xwlabel e2e-redirect apptest"
                + " redirected < \"$2\"", Deployment.script("xwsendwork").toString(), admin.toString(), input.toString()),
                dir, null, Duration.ofMinutes(2));
        assertThat(sent.exitCode()).as(sent.describe()).isZero();
        return sent.stdout().strip();
    }

    static String apptest() {
        return Deployment.SOURCE_ROOT.resolve("apptest/target/apptest").toString();
    }

    /** Runs a bin/ command that must succeed, silently on stderr; returns its stdout without the line end. */
    String ok(Path config, String script, String... args) throws IOException, InterruptedException {
        Command.Result result = run(config, script, args);
        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stderr()).as(result.describe()).isBlank();
        return result.stdout().strip();
    }

    Command.Result run(Path config, String script, String... args) throws IOException, InterruptedException {
        return deployment.client(config, script, List.of(args));
    }

    @Override
    public void close() throws Exception {
        try {
            outlivingItsToken.process().destroyForcibly();
            deployment.close();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }
}
