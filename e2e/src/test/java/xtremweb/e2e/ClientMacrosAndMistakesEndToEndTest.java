package xtremweb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The manual's macro files, and the mistakes a user makes or meets, through the bin/ scripts: each
 * mistake is exactly one line on stderr naming what to fix, with the exit code scripts branch on.
 */
class ClientMacrosAndMistakesEndToEndTest extends OnTheClientGrid {
    private static final int UNREACHABLE = 5;
    private static final int DENIED = 4;
    private static final int NOT_FOUND = 3;

    @Test
    void aMacroOfTwentyCommandsRunsToTheEnd() throws Exception {
        Path input = Files.writeString(tmp.resolve("macro-in.txt"), "macro input\n");
        Path password = grid.deployment.passwordFile("macro", ClientGrid.PASSWORD);
        List<String> lines = new ArrayList<>(List.of(
                "# made by the macro: a user group, its users, an app, a data and jobs",
                "xwsendusergroup macro-team",
                "xwsenduser --xwpasswordfile " + password + " macro-1 - STANDARD_USER macro-team",
                "xwsenduser macro-2 - STANDARD_USER macro-team --xwpasswordfile " + password,
                "xtremweb.client --xwsenduser macro-3 --xwpasswordfile " + password + " macro3@example.org STANDARD_USER",
                "xwsendapp macroapp " + System.getProperty("os.arch") + " linux " + ClientGrid.apptest(),
                "xwsenddata macro-in.txt " + input));
        for (int i = 1; i <= 10; i++) {
            lines.add("xwsendwork --xwlabel macro-" + i + " macroapp 'job " + i + "' < " + input);
        }
        lines.addAll(List.of("xwapps", "xwusers", "xwusergroups", "xwdatas"));
        Path macro = Files.write(tmp.resolve("twenty.macro"), lines);
        assertThat(lines.stream().filter(l -> !l.startsWith("#"))).hasSize(20);

        Command.Result run = grid.run(grid.admin, "xwmacro", macro.toString());
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stderr()).as(run.describe()).isBlank();
        List<Map<String, String>> works = ListingParser.JSON.parse("work",
                grid.ok(grid.admin, "xwworks", "--xwformat", "json"));
        assertThat(works).filteredOn(w -> String.valueOf(w.get("label")).startsWith("macro-")).hasSize(10)
                .allSatisfy(w -> assertThat(w.get("appName")).isEqualTo("macroapp"));
        assertThat(grid.ok(grid.admin, "xwusers")).contains("macro-1").contains("macro-2").contains("macro-3");
    }

    @Test
    void aMacroStopsAtItsFailingLineAndNamesIt() throws Exception {
        Path macro = Files.write(tmp.resolve("broken.macro"), List.of(
                "# line 1",
                "xwping",
                "xwsendusergroup before-line-7",
                "",
                "xwapps",
                "xwversion",
                "xwsendwork no-such-app",
                "xwsendusergroup after-line-7"));

        Command.Result run = grid.run(grid.admin, "xwmacro", macro.toString());
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(NOT_FOUND);
        assertThat(run.stderr()).contains(macro + " line 7 failed").contains("no-such-app").doesNotContain("\tat ");
        String groups = grid.ok(grid.admin, "xwusergroups");
        assertThat(groups).contains("before-line-7").doesNotContain("after-line-7");
    }

    @Test
    void aPortWhereNothingListensIsOneLineNamingHostPortAndTheKeys() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Path config = configWith("wrong-port", "127.0.0.1", closed, certificate());
        assertOneLine(grid.run(config, "xwworks"), UNREACHABLE, "127.0.0.1:" + closed, "dispatcher.servers", "port.https",
                config.toString());
    }

    @Test
    void aHostNameThatDoesNotResolveIsOneLineNamingDispatcherServers() throws Exception {
        Path config = configWith("wrong-host", "no-such-host.invalid", grid.deployment.port(), certificate());
        assertOneLine(grid.run(config, "xwapps"), UNREACHABLE, "'no-such-host.invalid'", "dispatcher.servers", config.toString());
    }

    @Test
    void anotherServersCertificateIsOneLineNamingTheCertFileAndTheFix() throws Exception {
        Path otherPem = selfSignedCertificate();
        Path config = configWith("wrong-cert", "localhost", grid.deployment.port(), otherPem);
        assertOneLine(grid.run(config, "xwping"), UNREACHABLE, "path.certfile", otherPem.toString(),
                "copy the server's xwserver.pem");
    }

    @Test
    void aClientWaitingLongerThanItsTokenLivesLogsInAgainUnnoticed() throws Exception {
        Command.Result waited = grid.outlivingItsToken.finish(Duration.ofMinutes(3));
        assertThat(waited.exitCode()).as(waited.describe()).isZero();
        assertThat(waited.stderr()).as(waited.describe()).isBlank();
        assertThat(waited.stdout()).contains("COMPLETED exit=0");
        assertThat(Duration.between(grid.outlivingItsTokenStarted, Instant.now()))
                .as("the client outlived its one-minute token").isGreaterThan(Duration.ofMinutes(1));
    }

    @Test
    void aSessionRevokedMidRunWhoseLoginFailsIsOneLine() throws Exception {
        String dave = grid.ok(grid.admin, "xwsenduser", "--xwpasswordfile",
                grid.deployment.passwordFile("dave", ClientGrid.PASSWORD).toString(), "dave", "-", "STANDARD_USER");
        Path daves = grid.deployment.clientConfig("dave", "dave", ClientGrid.PASSWORD);
        String quick = grid.ok(daves, "xwsendwork", "apptest", "quick");
        // No host has a petabyte of memory: this work waits for ever.
        String never = grid.ok(daves, "xwsendwork", "--xwminmemory", "1000000000000000", "apptest", "never");
        Command.Running waiting = grid.deployment.startClient(daves, "xwresult", List.of("--xwwait", "120",
                "--xwclientloopdelay", "300", "--xwout", tmp.toString(), quick, never));
        // Once the quick result is printed, the client is logged in and polling for the other.
        Awaitility.await("dave's first result").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> waiting.stdoutSoFar().contains(quick + " COMPLETED"));

        grid.ok(grid.admin, "xwrm", dave);

        assertOneLine(waiting.finish(Duration.ofMinutes(1)), DENIED, "no longer accepts the session of 'dave'",
                "logging in again was refused");
    }

    private static void assertOneLine(Command.Result result, int exitCode, String... mentions) {
        assertThat(result.exitCode()).as(result.describe()).isEqualTo(exitCode);
        assertThat(result.stderr().strip().lines()).as(result.describe()).singleElement().asString()
                .contains(mentions).doesNotContain("Exception");
    }

    private static Path certificate() {
        return Path.of(grid.deployment.credential("server.certificate"));
    }

    private Path configWith(String name, String host, int port, Path certFile) throws Exception {
        return grid.deployment.clientConfig(name, grid.deployment.credential("admin.login"),
                grid.deployment.credential("admin.password"), host, port, certFile);
    }

    /** The PEM of a self-signed certificate that is not the server's, made with the JDK's keytool. */
    private Path selfSignedCertificate() throws Exception {
        return Deployment.selfSignedCertificate(tmp);
    }
}
